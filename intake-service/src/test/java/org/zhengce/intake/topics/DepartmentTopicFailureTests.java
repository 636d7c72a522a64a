package org.zhengce.intake.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.intake.pipeline.Submission;
import org.zhengce.intake.reporting.ReportingFixtures;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * A failure the pipeline did not expect, for one record of a department's topic (issue 15: the listener retried a
 * failed batch for ever, and the partition stopped): the record is kept sealed as a rejection and dead-lettered at
 * once, and the records behind it on the partition are taken. (Its event ids are not {@code topic-*}: {@link
 * DepartmentTopicTests} looks for its own by that prefix on the shared broker.)
 */
class DepartmentTopicFailureTests extends IntakeStackTest {

    private static final int PARTITION = 2;
    private static final String UNEXPECTED = "failure-unexpected-1";

    @MockitoSpyBean
    private IntakePipeline pipeline;

    @BeforeAll
    static void createTopic() throws Exception {
        createTopicOnce(DepartmentTopicTests.TOPIC, 3);
    }

    @Test
    void aRecordThePipelineFailsOnUnexpectedlyIsKeptSealedAndDeadLetteredAndThePartitionGoesOn() throws Exception {
        doAnswer(call -> {
                    List<Submission> batch = call.getArgument(1);
                    if (batch.stream().anyMatch(s -> UNEXPECTED.equals(s.read().eventId()))) {
                        throw new IllegalArgumentException(
                                "a failure nobody expected, about identity number 11010519491231002X");
                    }
                    return call.callRealMethod();
                })
                .when(pipeline)
                .receive(any(), anyList());
        double deadLettered =
                ReportingFixtures.count(http, ADMIN_KEY, "platform.listener.dead-letters", "failure:permanent");

        List<Long> offsets = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (String eventId : List.of("failure-before-1", UNEXPECTED, "failure-after-1")) {
                offsets.add(producer.send(new ProducerRecord<>(
                                DepartmentTopicTests.TOPIC,
                                PARTITION,
                                "department-key",
                                DepartmentTopicTests.avro(DepartmentTopicTests.example(eventId))))
                        .get(30, TimeUnit.SECONDS)
                        .offset());
            }
        }

        ConfluentAvroDeserializer<HouseholdEvent> reader = ReportingFixtures.householdEvents(registryUrl());
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(readAll(HOUSEHOLD_EVENTS).stream()
                                .map(record -> reader.deserialize(HOUSEHOLD_EVENTS, record.value())
                                        .getEventId())
                                .filter(id -> id.startsWith("failure-before-") || id.startsWith("failure-after-")))
                        .containsExactly("failure-before-1", "failure-after-1"));

        String source = DepartmentTopicTests.TOPIC + "-" + PARTITION + "@" + offsets.get(1);
        JsonNode kept = await().atMost(Duration.ofSeconds(30)).until(() -> keptFrom(source), found -> found != null);
        assertThat(kept.at("/violations/0/rule").asString()).isEqualTo("pipeline.processable");
        assertThat(kept.at("/violations/0/offendingValue").asString())
                .startsWith("permanent: ")
                .contains("a failure nobody expected")
                .doesNotContain("11010519491231002X");
        assertThat(kept.get("maskedPayload").asString()).startsWith("sealed only: AVRO payload of ");
        String rejectionId = kept.get("id").asString();
        assertThat(readAll(DEAD_LETTERS))
                .anySatisfy(letter -> assertThat(ReportingFixtures.header(letter, "zhengce-rejection-id"))
                        .isEqualTo(rejectionId));
        assertThat(ReportingFixtures.count(http, ADMIN_KEY, "platform.listener.dead-letters", "failure:permanent"))
                .isEqualTo(deadLettered + 1);
    }

    /** HEALTH's rejection kept from {@code source} (topic-partition@offset), or null. */
    private JsonNode keptFrom(String source) {
        ReportingFixtures.Answer answer = ReportingFixtures.answer(
                http.get().uri("/admin/rejected-events?department=HEALTH").header("X-API-Key", ADMIN_KEY));
        for (JsonNode rejection : answer.json()) {
            if (source.equals(rejection.get("sourceRef").asString())) {
                return rejection;
            }
        }
        return null;
    }
}
