package org.zhengce.intake.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * Departments that produce Avro to their own topic: the same checks as HTTP; garbage bytes are kept as rejected and
 * on the dead-letter topic, never block the partition, and the offsets are committed past them.
 */
class DepartmentTopicTests extends IntakeStackTest {

    static final String TOPIC = "dept.health.events";

    /** Creates {@value #TOPIC} (3 partitions) once per JVM and waits for its partitions' leaders. */
    @BeforeAll
    static void createTopic() throws Exception {
        createTopicOnce(TOPIC, 3);
    }

    static byte[] avro(DepartmentEvent event) {
        try (ConfluentAvroSerializer<DepartmentEvent> serializer = new ConfluentAvroSerializer<>(
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl()), null))) {
            return serializer.serialize(TOPIC, event);
        }
    }

    static DepartmentEvent example(String eventId) {
        DepartmentEvent event = DepartmentEvent.newBuilder(EventExamples.all().get("HospitalDischarged"))
                .setEventId(eventId)
                .build();
        return event;
    }

    private static void produce(List<byte[]> values) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (byte[] value : values) {
                // one partition, so the garbage sits between the good records
                producer.send(new ProducerRecord<>(TOPIC, 0, "department-key", value))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void avroEventsAreAcceptedAndGarbageIsKeptWithoutBlockingThePartition() throws Exception {
        byte[] garbage = "not avro at all, and an identity number 11010519491231002X".getBytes(StandardCharsets.UTF_8);
        DepartmentEvent mismatch = DepartmentEvent.newBuilder(example("topic-mismatch-1"))
                .setDepartment(Department.CIVIL_AFFAIRS)
                .build();
        // U+0000 in the event id: PostgreSQL cannot store it, so it once made the listener retry the batch for ever
        DepartmentEvent nul = example("topic-nul-1\u0000");
        produce(List.of(
                avro(example("topic-good-1")), garbage, avro(mismatch), avro(nul), avro(example("topic-good-2"))));

        ConfluentAvroDeserializer<HouseholdEvent> reader = ConfluentAvroDeserializer.forSpecific(
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl()), null),
                HouseholdEvent.class);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(readAll(HOUSEHOLD_EVENTS).stream()
                                .map(record -> reader.deserialize(HOUSEHOLD_EVENTS, record.value()))
                                .filter(event -> event.getEventId().startsWith("topic-"))
                                .map(HouseholdEvent::getEventId))
                        .containsExactly("topic-good-1", "topic-good-2"));

        List<Map<String, Object>> rejected = rejectedOfHealth();
        assertThat(rejected)
                .extracting(r -> r.get("sourceRef"))
                .allSatisfy(ref -> assertThat((String) ref).startsWith(TOPIC + "-0@"));
        assertThat(rejected)
                .extracting(r ->
                        ((List<Map<String, Object>>) r.get("violations")).get(0).get("rule"))
                .containsExactlyInAnyOrder("avro.decodable", "department.matches-sender", "text.control-character");
        String listing = rejected.toString();
        assertThat(listing).doesNotContain("11010519491231002X").doesNotContain("\u0000");

        List<ConsumerRecord<String, byte[]>> deadLetters = readAll(DEAD_LETTERS).stream()
                .filter(record -> new String(
                                record.headers().lastHeader("zhengce-source").value(), StandardCharsets.UTF_8)
                        .startsWith(TOPIC))
                .toList();
        assertThat(deadLetters).hasSizeGreaterThanOrEqualTo(2);
        deadLetters.forEach(record -> assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
                .doesNotContain("19491231002X"));

        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("intake-service")
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                OffsetAndMetadata partition0 = committed.get(new TopicPartition(TOPIC, 0));
                assertThat(partition0).isNotNull();
                assertThat(partition0.offset()).isGreaterThanOrEqualTo(5);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rejectedOfHealth() {
        List<Map<String, Object>> all = http
                .get()
                .uri("/admin/rejected-events?department=HEALTH")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(Map.class)
                .returnResult()
                .getResponseBody()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        return all.stream().filter(r -> "TOPIC".equals(r.get("channel"))).toList();
    }
}
