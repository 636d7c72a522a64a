package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.registry.InMemorySchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerde;
import org.zhengce.scoring.model.ScoringModel;

/**
 * The module README shows the topology's own {@code describe()}; this test fails when it is stale. Regenerate with
 * {@code ./mvnw -pl scoring-service test -Dtest=TopologyDescriptionTest -Dregenerate=true}.
 */
class TopologyDescriptionTest {

    private static final String BEGIN = "<!-- topology:begin -->";
    private static final String END = "<!-- topology:end -->";

    @Test
    void readmeShowsTheTopologyAsItIs() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        ScoringTopology.Config config = new ScoringTopology.Config(
                "household.events",
                "household.scores",
                "household.warnings",
                "scoring.models",
                "household.events.dlq",
                12,
                new ConfluentAvroSerde<HouseholdEvent>(registry, Map.of(), false),
                new ConfluentAvroSerde<SpecificRecord>(registry, Map.of(), false),
                new ConfluentAvroSerde<ScoringModelPublished>(registry, Map.of(), false),
                ScoringModel.defaultModel(),
                Duration.ofSeconds(1),
                1000,
                ScoringTopology.DeadLetterCounter.none());
        String described = ScoringTopology.build(config).describe().toString().strip();
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String block = BEGIN + "\n```\n" + described + "\n```\n" + END;
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (Boolean.getBoolean("regenerate")) {
            String updated = begin < 0
                    ? text.strip() + "\n\n## The topology (`describe()`)\n\n" + block + "\n"
                    : text.substring(0, begin) + block + text.substring(end + END.length());
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(begin)
                .as("README.md has the topology section; regenerate it")
                .isNotNegative();
        assertThat(text.substring(begin, end + END.length()))
                .as("README.md's topology is stale: run with -Dregenerate=true")
                .isEqualTo(block);
    }
}
