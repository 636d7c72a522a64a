package org.zhengce.schemas.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.catalogue.TopicEnvironment;

/**
 * The committed AsyncAPI document is what the generator makes of the catalogue today. Its validity
 * is checked by the independent parser in {@code src/test/node}.
 */
class AsyncApiDocumentTest {

    private static final Logger log = LoggerFactory.getLogger(AsyncApiDocumentTest.class);
    private static final Path COMMITTED = Path.of("src/main/resources", AsyncApiDocument.RESOURCE);

    private final TopicCatalogue catalogue = TopicCatalogue.load(TopicEnvironment.production());

    @Test
    void committedDocumentIsUpToDate() throws IOException {
        String generated = AsyncApiDocument.toYaml(catalogue);
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
            log.info("wrote {}", COMMITTED);
            return;
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!committed.equals(generated)) {
            fail(COMMITTED + " is stale: the catalogue or a schema changed. Regenerate it with\n"
                    + "  ./mvnw -pl schemas test -Dtest=AsyncApiDocumentTest -Dregenerate=true\n"
                    + "and commit it.");
        }
    }

    @Test
    void everyCatalogueAddressIsAChannelWithItsProducerAndConsumers() {
        Map<String, Object> document = AsyncApiDocument.describe(catalogue);
        Map<String, Object> channels = child(document, "channels");
        Map<String, Object> operations = child(document, "operations");

        for (Topic topic : catalogue.topics()) {
            String channelId = AsyncApiDocument.identifier(topic.address());
            Map<String, Object> channel = child(channels, channelId);
            assertThat(channel.get("address")).isEqualTo(topic.address());
            assertThat(operations)
                    .containsKey(AsyncApiDocument.identifier(topic.producer()) + "Sends"
                            + Character.toUpperCase(channelId.charAt(0)) + channelId.substring(1));
            Map<String, Object> kafka = child(child(channel, "bindings"), "kafka");
            assertThat(kafka.get("partitions")).isEqualTo(topic.partitions());
            assertThat(child(kafka, "topicConfiguration"))
                    .containsEntry(
                            "cleanup.policy", List.of(topic.cleanupPolicy().configValue()))
                    .containsEntry("retention.ms", topic.retention().toMillis());
        }
        long receives = operations.values().stream()
                .filter(operation -> "receive".equals(((Map<?, ?>) operation).get("action")))
                .count();
        assertThat(receives)
                .isEqualTo(catalogue.topics().stream()
                        .map(Topic::address)
                        .distinct()
                        .mapToLong(address -> catalogue.topics().stream()
                                .filter(topic -> topic.address().equals(address))
                                .findFirst()
                                .orElseThrow()
                                .consumers()
                                .size())
                        .sum());
    }

    @Test
    void messagePayloadIsTheFullyResolvedAvroSchema() {
        Map<String, Object> messages = child(child(AsyncApiDocument.describe(catalogue), "components"), "messages");
        Map<String, Object> payload = child(child(messages, "HouseholdEvent"), "payload");

        assertThat(payload.get("schemaFormat")).isEqualTo(AsyncApiDocument.AVRO_SCHEMA_FORMAT);
        assertThat(payload.get("schema").toString()).contains("PersonPseudonym", "HospitalAdmitted", "TipReported");
        assertThat(child(payload, "schema").get("name"))
                .isEqualTo(HouseholdEvent.getClassSchema().getName());
    }

    @Test
    @SuppressWarnings("unchecked")
    void departmentPatternIsOneParameterisedChannel() {
        Map<String, Object> channel =
                child(child(AsyncApiDocument.describe(catalogue), "channels"), "deptDepartmentCodeEvents");

        assertThat(channel.get("address")).isEqualTo("dept.{departmentCode}.events");
        assertThat((List<Object>)
                        child(child(channel, "parameters"), "departmentCode").get("enum"))
                .as("one value per Department symbol but OTHER")
                .hasSize(Department.values().length - 1)
                .contains("civil-affairs", "community", "public-security");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }
}
