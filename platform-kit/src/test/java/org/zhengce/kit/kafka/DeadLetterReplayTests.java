package org.zhengce.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * The dead-letter API on a real in-process broker: dead letters listed without their value, a range replayed to the
 * partition each was read from with its original time and without the dead-letter headers, and a range holding a
 * record read from a topic the service does not read refused whole.
 */
class DeadLetterReplayTests {

    private static final String WARNINGS = "household.warnings";
    private static final String WARNING_DEAD_LETTERS = "household.warnings.dlq";
    private static final String CASES = "case.events";
    private static final String CASE_DEAD_LETTERS = "case.events.dlq";
    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
    private static final Instant READ_AT = Instant.parse("2026-12-01T08:00:00Z");

    private static EmbeddedKafka broker;
    private static DefaultKafkaProducerFactory<String, byte[]> producers;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafka.builder().start();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(WARNINGS, 2, (short) 1),
                            new NewTopic(WARNING_DEAD_LETTERS, 2, (short) 1),
                            new NewTopic(CASES, 1, (short) 1),
                            new NewTopic(CASE_DEAD_LETTERS, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    @AfterAll
    static void stopBroker() {
        producers.destroy();
        broker.close();
    }

    @Test
    void deadLettersAreListedThenReplayedToTheirPartitionWithTheirTimeAndWithoutTheDeadLetterHeaders()
            throws Exception {
        WebTestClient api = api(DeadLetterReplay.routes(
                new KafkaTemplate<>(producers), consumer(), TopicCatalogue.load(), List.of(WARNINGS)));
        deadLetter(WARNING_DEAD_LETTERS, 1, "H-1", WARNINGS, 1, 40L);
        deadLetter(WARNING_DEAD_LETTERS, 1, "H-2", WARNINGS, 1, 41L);

        api.get()
                .uri("/admin/dead-letters/{topic}?partition=1", WARNING_DEAD_LETTERS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.deadLetterTopic")
                .isEqualTo(WARNING_DEAD_LETTERS)
                .jsonPath("$.deadLetters.length()")
                .isEqualTo(2)
                .jsonPath("$.deadLetters[1].key")
                .isEqualTo("H-2")
                .jsonPath("$.deadLetters[1].sourceOffset")
                .isEqualTo(41)
                .jsonPath("$.deadLetters[1].failure")
                .isEqualTo("permanent")
                .jsonPath("$.deadLetters[1].value")
                .doesNotExist();

        api.post()
                .uri("/admin/dead-letters/{topic}/replay?partition=1&from=0&to=1", WARNING_DEAD_LETTERS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.replayed")
                .isEqualTo(2)
                .jsonPath("$.topic")
                .isEqualTo(WARNINGS)
                .jsonPath("$.replayedTo[0].partition")
                .isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> replayed = readAll(new TopicPartition(WARNINGS, 1));
        assertThat(replayed).extracting(ConsumerRecord::key).containsExactly("H-1", "H-2");
        ConsumerRecord<String, byte[]> first = replayed.get(0);
        assertThat(first.timestamp()).isEqualTo(READ_AT.toEpochMilli());
        assertThat(new String(first.value(), UTF8)).isEqualTo("warning of H-1");
        assertThat(headerNames(first)).containsExactly("traceparent", DeadLetterReplay.REPLAYED_FROM);
        assertThat(new String(
                        first.headers()
                                .lastHeader(DeadLetterReplay.REPLAYED_FROM)
                                .value(),
                        UTF8))
                .isEqualTo(WARNING_DEAD_LETTERS + "-1@0");
        assertThat(readAll(new TopicPartition(WARNINGS, 0))).isEmpty();
    }

    @Test
    void aRangeHoldingADeadLetterReadFromATopicTheServiceDoesNotReadIsRefusedWhole() throws Exception {
        WebTestClient api = api(DeadLetterReplay.with(new KafkaTemplate<>(producers), consumer())
                .lane(CASE_DEAD_LETTERS, List.of(CASES))
                .routes());
        deadLetter(CASE_DEAD_LETTERS, 0, "C-1", CASES, 0, 7L);
        deadLetter(CASE_DEAD_LETTERS, 0, "C-2", "household.scores", 0, 8L);

        api.post()
                .uri("/admin/dead-letters/{topic}/replay?partition=0&from=0&to=1", CASE_DEAD_LETTERS)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.post()
                .uri("/admin/dead-letters/{topic}/replay?partition=0&from=5&to=5", CASE_DEAD_LETTERS)
                .exchange()
                .expectStatus()
                .isNotFound();
        api.post()
                .uri("/admin/dead-letters/{topic}/replay", WARNING_DEAD_LETTERS)
                .exchange()
                .expectStatus()
                .isNotFound();
        api.get()
                .uri("/admin/dead-letters/{topic}?limit=501", CASE_DEAD_LETTERS)
                .exchange()
                .expectStatus()
                .isBadRequest();

        assertThat(readAll(new TopicPartition(CASES, 0))).isEmpty();
        api.post()
                .uri("/admin/dead-letters/{topic}/replay?partition=0&from=0&to=0", CASE_DEAD_LETTERS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.replayed")
                .isEqualTo(1);
        assertThat(readAll(new TopicPartition(CASES, 0)))
                .extracting(ConsumerRecord::key)
                .containsExactly("C-1");
    }

    private static WebTestClient api(org.springframework.web.reactive.function.server.RouterFunction<?> routes) {
        return WebTestClient.bindToRouterFunction(routes)
                .configureClient()
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    private static Map<String, Object> consumer() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    /** A dead letter as Spring's recoverer writes one, with the kit's failure headers and a header of the record. */
    private static void deadLetter(String lane, int partition, String key, String source, int from, long offset)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(lane, partition, key, ("warning of " + key).getBytes(UTF8));
            record.headers()
                    .add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(UTF8));
            record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, source.getBytes(UTF8));
            record.headers()
                    .add(
                            KafkaHeaders.DLT_ORIGINAL_PARTITION,
                            ByteBuffer.allocate(Integer.BYTES).putInt(from).array());
            record.headers()
                    .add(
                            KafkaHeaders.DLT_ORIGINAL_OFFSET,
                            ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
            record.headers()
                    .add(
                            KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                            ByteBuffer.allocate(Long.BYTES)
                                    .putLong(READ_AT.toEpochMilli())
                                    .array());
            record.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN, "java.lang.IllegalStateException".getBytes(UTF8));
            record.headers().add(ListenerErrors.FAILURE_HEADER, "permanent".getBytes(UTF8));
            record.headers().add(ListenerErrors.REASON_HEADER, "refused for the test".getBytes(UTF8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(TopicPartition partition) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(consumer(), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<String> headerNames(ConsumerRecord<String, byte[]> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }
}
