package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.registered;
import static org.zhengce.scoring.portrait.Events.rentArrears;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.kit.kafka.DeadLetterReplay;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.scoring.model.ScoringModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processing dead-letter lane on the real in-process broker, exactly-once as in production: a record the model
 * fails on is committed to {@code household.events.processing.dlq} while the stream goes on; after the fix (the
 * streams started again with a model that does not fail) the dead letter is replayed through the kit's dead-letter API
 * ({@code /admin/dead-letters/{topic}}) to its source and scored, once however often it is replayed.
 */
class ProcessingDeadLettersEndToEndTests {

    private static final String EVENTS = "household.events";
    private static final String SCORES = "household.scores";
    private static final String LANE = "household.events.processing.dlq";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ScoringBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ScoringBroker.start(
                EVENTS, SCORES, "household.warnings", "scoring.models", "household.events.dlq", LANE);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aRecordTheModelFailsOnIsCommittedToTheLaneAndScoredOnceWhenReplayedAfterTheFix() throws Exception {
        Instant now = Instant.now();
        HouseholdEvent absurd = aboutHousehold("e2e-absurd")
                .by(Department.HOUSING)
                .at(now.minus(Duration.ofDays(2)))
                .id("e2e-rent-absurd")
                .fact(rentArrears(3, ProcessingDeadLettersTest.ABSURD_FEN));
        publish(registration("e2e-absurd"), absurd, registration("e2e-next"));
        DefaultKafkaProducerFactory<String, byte[]> producers = replayProducers();
        WebTestClient deadLetters = deadLetterApi(producers);

        KafkaStreams failing = streams(ProcessingDeadLettersTest.overflowingModel());
        failing.start();
        JsonNode letter;
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> scoredHouseholds().contains("e2e-next"));
            JsonNode lane = list(deadLetters);
            assertThat(lane).hasSize(1);
            letter = lane.get(0);
            assertThat(letter.path("key").asString()).isEqualTo("e2e-absurd");
            assertThat(letter.path("sourceTopic").asString()).isEqualTo(EVENTS);
            assertThat(letter.path("sourcePartition").asInt())
                    .isEqualTo(letter.path("partition").asInt());
            assertThat(letter.path("sourceOffset").asLong()).isEqualTo(1L);
            assertThat(letter.path("details").path("zhengce-dlq-reason").asString())
                    .isEqualTo("model");
            assertThat(letter.path("exceptionClass").asString()).isEqualTo(ArithmeticException.class.getName());
            assertThat(letter.path("details").path("zhengce-dlq-processor").asString())
                    .isEqualTo("score-households");
        } finally {
            failing.close(new KafkaStreams.CloseOptions()
                    .timeout(Duration.ofSeconds(30))
                    .leaveGroup(true));
        }

        KafkaStreams fixed = streams(ScoringModel.defaultModel());
        fixed.start();
        try {
            JsonNode replayed = replay(deadLetters, letter);
            assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
            assertThat(replayed.path("replayedTo").get(0).path("topic").asString())
                    .isEqualTo(EVENTS);
            assertThat(replayed.path("replayedTo").get(0).path("partition").asInt())
                    .isEqualTo(letter.path("sourcePartition").asInt());
            await().atMost(Duration.ofSeconds(90)).until(() -> scoresTriggeredBy(absurd) == 1);

            // a second replay changes nothing: the portrait has the event; the next event shows it was processed
            replay(deadLetters, letter);
            HouseholdEvent marker = aboutHousehold("e2e-absurd")
                    .at(now.minus(Duration.ofDays(1)))
                    .fact(rentArrears(5, 30_000));
            publish(marker);
            await().atMost(Duration.ofSeconds(90)).until(() -> scoresTriggeredBy(marker) == 1);
            assertThat(scoresTriggeredBy(absurd)).isEqualTo(1);
            assertThat(list(deadLetters)).hasSize(1);
        } finally {
            fixed.close(Duration.ofSeconds(30));
            producers.destroy();
        }
    }

    /** The kit's dead-letter API over the lane, as scoring declares it (the chain's admin check aside). */
    private static WebTestClient deadLetterApi(DefaultKafkaProducerFactory<String, byte[]> producers) {
        return WebTestClient.bindToRouterFunction(DeadLetterReplay.with(
                                new KafkaTemplate<>(producers),
                                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))
                        .lane(LANE, List.of(EVENTS, "scoring-service-by-person-repartition"))
                        .ownHeaders(DeadLetterHeaders.PREFIX)
                        .routes())
                .configureClient()
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    private static JsonNode list(WebTestClient deadLetters) {
        return JSON.readTree(deadLetters
                        .get()
                        .uri("/admin/dead-letters/{topic}?limit=10", LANE)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .path("deadLetters");
    }

    private static JsonNode replay(WebTestClient deadLetters, JsonNode letter) {
        return JSON.readTree(deadLetters
                .post()
                .uri(
                        "/admin/dead-letters/{topic}/replay?partition={p}&from={o}&to={o}",
                        LANE,
                        letter.path("partition").asInt(),
                        letter.path("offset").asLong(),
                        letter.path("offset").asLong())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private static HouseholdEvent registration(String household) {
        return aboutHousehold(household)
                .at(Instant.now().minus(Duration.ofDays(30)))
                .fact(registered(
                        member(household + "-head", RelationToHead.HEAD, "1985-03-01", Sex.FEMALE),
                        member(household + "-child", RelationToHead.CHILD, "2016-05-01", Sex.MALE)));
    }

    private static DefaultKafkaProducerFactory<String, byte[]> replayProducers() {
        Map<String, Object> producer = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
        return new DefaultKafkaProducerFactory<>(producer);
    }

    private KafkaStreams streams(ScoringModel model) {
        ScoringTopology.Config config = new ScoringTopology.Config(
                EVENTS,
                SCORES,
                "household.warnings",
                "scoring.models",
                "household.events.dlq",
                12,
                broker.serde(HouseholdEvent.class),
                broker.serde(null),
                broker.serde(org.zhengce.events.ScoringModelPublished.class),
                model,
                Duration.ofSeconds(1),
                20_000,
                ScoringTopology.DeadLetterCounter.none(),
                5,
                LANE,
                ScoringTopology.DeadLetterCounter.none());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-dead-letters-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailures.class);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        return new KafkaStreams(ScoringTopology.build(config), props);
    }

    private static void publish(HouseholdEvent... events) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, HouseholdEvent> producer = new KafkaProducer<>(
                config, new StringSerializer(), new ConfluentAvroSerializer<>(broker.registryClient()))) {
            for (HouseholdEvent event : events) {
                producer.send(new ProducerRecord<>(EVENTS, ((HouseholdNumber) event.getSubject()).getValue(), event))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> scoredHouseholds() {
        return scores().stream().map(score -> score.getHousehold().getValue()).toList();
    }

    private static long scoresTriggeredBy(HouseholdEvent event) {
        return scores().stream()
                .filter(score -> event.getEventId().equals(score.getTriggeringEventId()))
                .count();
    }

    private static List<HouseholdScoreChanged> scores() {
        return broker.readCommitted(SCORES).stream()
                .map(HouseholdScoreChanged.class::cast)
                .toList();
    }
}
