package org.zhengce.scoring.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import org.zhengce.scoring.ScoringStackTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kit's dead-letter API over the processing lane, in the running application: platform admins alone, problems
 * for what is not there, and a dead letter that names a topic scoring does not read is refused rather than published
 * there.
 */
class DeadLetterApiTests extends ScoringStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LANE = "household.events.processing.dlq";
    private static final String NOT_READ = "household.scores";
    private static final String IDENTITY_NUMBER = "11010519491231002X";

    @Test
    void anAdvisorMayNeitherListNorReplayTheDeadLetters() {
        String advisor = advisorOf("420106001001");

        http.get()
                .uri("/admin/dead-letters/{topic}", LANE)
                .headers(h -> h.setBearerAuth(advisor))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.post()
                .uri("/admin/dead-letters/{topic}/replay?partition=0&from=0&to=0", LANE)
                .headers(h -> h.setBearerAuth(advisor))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void anAdminListsTheProcessingLane() {
        JsonNode listed = list("?limit=5");

        assertThat(listed.path("deadLetterTopic").asString()).isEqualTo(LANE);
        assertThat(listed.path("deadLetters").isArray()).isTrue();
        assertThat(listed.path("sourceTopics").toString())
                .contains("household.events", "scoring-service-by-person-repartition");
    }

    @Test
    void replayingADeadLetterThatIsNotThereIsNotFoundAndABadLimitIsRefused() {
        http.post()
                .uri("/admin/dead-letters/{topic}/replay?partition=0&from=999999&to=999999", LANE)
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no dead letter at " + LANE + "-0@999999");
        http.get()
                .uri("/admin/dead-letters/{topic}?limit=0", LANE)
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.get()
                .uri("/admin/dead-letters/{topic}", "case.events.dlq")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theOpenApiDocumentShowsTheDeadLetterRoutes() {
        String document = http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(document)
                .contains(
                        "/admin/dead-letters/{topic}/replay",
                        "/admin/dead-letters/{topic}",
                        "listDeadLetters",
                        "replayDeadLetters");
    }

    @Test
    void aDeadLetterReadFromATopicScoringDoesNotReadIsListedMaskedAndRefusedNotPublished() throws Exception {
        RecordMetadata dead = deadLetter("H-DLQ-FOREIGN", NOT_READ, "no household for " + IDENTITY_NUMBER);

        JsonNode listed = list("?partition=" + dead.partition() + "&from=" + dead.offset() + "&limit=1");
        JsonNode letter = listed.path("deadLetters").get(0);
        assertThat(letter.path("offset").asLong()).isEqualTo(dead.offset());
        assertThat(letter.path("key").asString()).isEqualTo("H-DLQ-FOREIGN");
        assertThat(letter.path("sourceTopic").asString()).isEqualTo(NOT_READ);
        assertThat(letter.path("sourcePartition").asInt()).isZero();
        assertThat(letter.path("sourceOffset").asLong()).isEqualTo(3L);
        assertThat(letter.path("exceptionClass").asString()).isEqualTo(ArithmeticException.class.getName());
        assertThat(letter.path("exceptionMessage").asString()).isEqualTo("no household for 110105***********X");
        assertThat(letter.path("details").path("zhengce-dlq-reason").asString()).isEqualTo("model");
        assertThat(letter.path("details").path("zhengce-dlq-processor").asString())
                .isEqualTo("score-households");
        assertThat(listed.toString()).doesNotContain(IDENTITY_NUMBER, "the event's bytes");

        http.post()
                .uri(
                        "/admin/dead-letters/{topic}/replay?partition={p}&from={o}&to={o}",
                        LANE,
                        dead.partition(),
                        dead.offset(),
                        dead.offset())
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("was read from " + NOT_READ));
        // a replay is sent before it is answered: had it been published, it would be there now
        assertThat(keysOf(NOT_READ)).doesNotContain("H-DLQ-FOREIGN");
    }

    @Test
    void aRecordScoringCouldNotReadIsListedAndReplayedToHouseholdEvents() throws Exception {
        String unreadableLane = "household.events.dlq";
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("household.events", "H-DLQ-UNREADABLE", utf8("not Avro")))
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(PATIENCE).until(() -> keysOf(unreadableLane).contains("H-DLQ-UNREADABLE"));
        JsonNode letter = null;
        for (JsonNode listed : list(unreadableLane, "?limit=500").path("deadLetters")) {
            if (listed.path("key").asString().equals("H-DLQ-UNREADABLE")) {
                letter = listed;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.path("sourceTopic").asString()).isEqualTo("household.events");

        String replayed = http.post()
                .uri(
                        "/admin/dead-letters/{topic}/replay?partition={p}&from={o}&to={o}",
                        unreadableLane,
                        letter.path("partition").asInt(),
                        letter.path("offset").asLong(),
                        letter.path("offset").asLong())
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(JSON.readTree(replayed)
                        .path("replayedTo")
                        .get(0)
                        .path("topic")
                        .asString())
                .isEqualTo("household.events");
        // still not Avro: read again by scoring, and dead-lettered again (a fixed record would be scored instead)
        await().atMost(PATIENCE)
                .until(() -> keysOf(unreadableLane).stream()
                                .filter("H-DLQ-UNREADABLE"::equals)
                                .count()
                        == 2);
    }

    private JsonNode list(String query) {
        return list(LANE, query);
    }

    private JsonNode list(String lane, String query) {
        String body = http.get()
                .uri("/admin/dead-letters/" + lane + query)
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    /** A dead letter as the gate writes one, naming {@code source} as where it was read from. */
    private static RecordMetadata deadLetter(String key, String source, String message) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(LANE, key, "the event's bytes".getBytes(StandardCharsets.UTF_8));
            record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(source));
            record.headers()
                    .add(
                            KafkaHeaders.DLT_ORIGINAL_PARTITION,
                            ByteBuffer.allocate(Integer.BYTES).putInt(0).array());
            record.headers()
                    .add(
                            KafkaHeaders.DLT_ORIGINAL_OFFSET,
                            ByteBuffer.allocate(Long.BYTES).putLong(3L).array());
            record.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(ArithmeticException.class.getName()));
            record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(message));
            record.headers().add("zhengce-dlq-reason", utf8("model"));
            record.headers().add("zhengce-dlq-processor", utf8("score-households"));
            return producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** The keys of every record on {@code topic} now, committed or not. */
    private static List<String> keysOf(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return keys;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
