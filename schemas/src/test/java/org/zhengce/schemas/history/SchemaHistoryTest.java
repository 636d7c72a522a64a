package org.zhengce.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * Every topic value schema is committed as a snapshot, and every current schema reads every older
 * snapshot (BACKWARD_TRANSITIVE): a breaking change fails the build. With {@code -Dregenerate=true}
 * a changed schema is written as its next snapshot instead of failing.
 */
class SchemaHistoryTest {

    private static final Logger log = LoggerFactory.getLogger(SchemaHistoryTest.class);
    private static final String REGENERATE = "./mvnw -pl schemas test -Dtest=SchemaHistoryTest -Dregenerate=true";

    private final SchemaHistory history = new SchemaHistory(SchemaHistory.DIRECTORY);

    static Stream<Schema> topicValueSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Topic topic : TopicCatalogue.load().topics()) {
            Schema schema = topic.valueSchema();
            if (schema.getType() == Schema.Type.RECORD) {
                schemas.putIfAbsent(schema.getFullName(), schema);
            }
        }
        return schemas.values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicValueSchemas")
    void currentSchemaEqualsItsLatestSnapshot(Schema current) throws IOException {
        List<SchemaHistory.Snapshot> snapshots = history.snapshots(current.getFullName());
        boolean unchanged = !snapshots.isEmpty()
                && snapshots.get(snapshots.size() - 1).schema().toString().equals(current.toString());
        if (unchanged) {
            return;
        }
        if (Boolean.getBoolean("regenerate")) {
            log.info("wrote the next snapshot {}", history.writeNextSnapshot(current));
            return;
        }
        Path next = history.nextSnapshotFile(current.getFullName());
        fail((snapshots.isEmpty()
                        ? "schema " + current.getFullName() + " has no snapshot."
                        : "schema " + current.getFullName() + " differs from its latest snapshot "
                                + snapshots.get(snapshots.size() - 1).file() + ".")
                + " If the change is intended, add " + next + " (the fully resolved schema): run\n  " + REGENERATE
                + "\nand commit the new file. The change must stay backward compatible with every snapshot"
                + " (add fields with defaults, enum symbols and union branches at the end).");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicValueSchemas")
    void currentSchemaReadsEverySnapshot(Schema current) throws IOException {
        List<String> problems = new ArrayList<>();
        for (SchemaHistory.Snapshot snapshot : history.snapshots(current.getFullName())) {
            SchemaHistory.incompatibilities(current, snapshot.schema())
                    .forEach(problem -> problems.add(snapshot.file() + ": " + problem));
        }
        assertThat(problems)
                .as("%s must read data written with every older version (BACKWARD_TRANSITIVE)", current.getFullName())
                .isEmpty();
    }

    @Test
    void newFieldWithoutDefaultIsReportedIncompatible() {
        Schema old = HouseholdEvent.getClassSchema();
        Schema broken =
                withField(old, new Schema.Field("caseWorker", Schema.create(Schema.Type.STRING), "新字段 no default"));

        assertThat(SchemaHistory.incompatibilities(broken, old))
                .singleElement()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT", "caseWorker");
    }

    @Test
    void removedUnionBranchIsReportedIncompatible() {
        Schema old = SchemaBuilder.record("Fact")
                .namespace("org.zhengce.test")
                .fields()
                .name("fact")
                .type()
                .unionOf()
                .intType()
                .and()
                .stringType()
                .endUnion()
                .noDefault()
                .endRecord();
        Schema narrower = SchemaBuilder.record("Fact")
                .namespace("org.zhengce.test")
                .fields()
                .name("fact")
                .type()
                .unionOf()
                .intType()
                .endUnion()
                .noDefault()
                .endRecord();

        assertThat(SchemaHistory.incompatibilities(narrower, old)).isNotEmpty();
    }

    @Test
    void newOptionalFieldIsCompatible() {
        Schema old = HouseholdEvent.getClassSchema();
        Schema optional = SchemaBuilder.unionOf().nullType().and().stringType().endUnion();
        Schema added = withField(
                old, new Schema.Field("caseWorker", optional, "新字段 with default", Schema.Field.NULL_DEFAULT_VALUE));

        assertThat(SchemaHistory.incompatibilities(added, old)).isEmpty();
    }

    @Test
    void changedSchemaIsWrittenAsTheNextVersion(@TempDir Path directory) throws IOException {
        SchemaHistory scratch = new SchemaHistory(directory);
        Schema schema = HouseholdEvent.getClassSchema();

        Path first = scratch.writeNextSnapshot(schema);
        Path second = scratch.writeNextSnapshot(schema);

        assertThat(first).hasFileName("v1.avsc");
        assertThat(second).hasFileName("v2.avsc");
        assertThat(scratch.snapshots(schema.getFullName()))
                .extracting(SchemaHistory.Snapshot::version)
                .containsExactly(1, 2);
        assertThat(scratch.snapshots(schema.getFullName()).get(0).schema()).isEqualTo(schema);
    }

    private static Schema withField(Schema record, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
