package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.aboutPerson;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.illness;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.registered;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.events.Sex;
import org.zhengce.events.WarningRaised;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.scoring.model.ScoringModel;

/**
 * Exactly-once across a restart: the streams instance is stopped in the middle of the input and started again on
 * the same state; every household is warned exactly once and no event's score change is published twice. The input's
 * second half is sent only once the first instance has stopped: on a quick machine the first instance otherwise read
 * the whole input before it could be stopped, and no restart happened in the middle of anything.
 */
class ExactlyOnceRestartTests {

    private static final int HOUSEHOLDS = 200;
    private static ScoringBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ScoringBroker.start(
                "household.events", "household.scores", "household.warnings", "scoring.models", "household.events.dlq");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private ScoringTopology.Config config() {
        return new ScoringTopology.Config(
                "household.events",
                "household.scores",
                "household.warnings",
                "scoring.models",
                "household.events.dlq",
                12,
                broker.serde(HouseholdEvent.class),
                broker.serde(null),
                broker.serde(ScoringModelPublished.class),
                ScoringModel.defaultModel(),
                Duration.ofSeconds(1),
                20_000,
                ScoringTopology.DeadLetterCounter.none());
    }

    private KafkaStreams streams() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-eos-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 50);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        return new KafkaStreams(ScoringTopology.build(config()), props);
    }

    private void produceInput(int from, int to) throws Exception {
        Instant now = Instant.now();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, HouseholdEvent> producer = new KafkaProducer<>(
                config, new StringSerializer(), new ConfluentAvroSerializer<>(broker.registryClient()))) {
            for (int i = from; i < to; i++) {
                String household = "eos-hh-" + i;
                String head = "eos-head-" + i;
                List<HouseholdEvent> events = List.of(
                        aboutHousehold(household)
                                .community("110105001001")
                                .at(now.minus(Duration.ofDays(30)))
                                .fact(registered(
                                        member(head, RelationToHead.HEAD, "1944-03-01", Sex.MALE),
                                        member("eos-spouse-" + i, RelationToHead.SPOUSE, "1946-05-01", Sex.FEMALE))),
                        aboutHousehold(household)
                                .at(now.minus(Duration.ofDays(20)))
                                .fact(economicCheck(50000, false)),
                        aboutPerson(head)
                                .by(Department.HEALTH)
                                .at(now.minus(Duration.ofDays(5)))
                                .fact(illness(IllnessCategory.SERIOUS)));
                for (HouseholdEvent event : events) {
                    String key = event.getSubject() instanceof org.zhengce.events.HouseholdNumber h
                            ? h.getValue()
                            : ((org.zhengce.events.PersonPseudonym) event.getSubject()).getValue();
                    producer.send(new ProducerRecord<>("household.events", key, event));
                }
            }
            producer.flush();
        }
    }

    private List<SpecificRecord> readCommitted(String topic) {
        return broker.readCommitted(topic);
    }

    @Test
    void restartMidStreamWarnsEveryHouseholdExactlyOnce() throws Exception {
        produceInput(0, HOUSEHOLDS / 2);

        KafkaStreams first = streams();
        first.start();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> readCommitted("household.scores").size() >= HOUSEHOLDS / 4);
        // leave the group, so the restarted instance takes the partitions at once rather than after a session timeout
        first.close(
                new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        assertThat(readCommitted("household.warnings").size()).isLessThan(HOUSEHOLDS);
        produceInput(HOUSEHOLDS / 2, HOUSEHOLDS);

        KafkaStreams second = streams();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(180))
                    .until(() -> raisedByHousehold(readCommitted("household.warnings"))
                                    .size()
                            == HOUSEHOLDS);
            Map<String, Long> raised = raisedByHousehold(readCommitted("household.warnings"));
            assertThat(raised.values()).containsOnly(1L);
            Map<String, Long> scoresPerEvent = readCommitted("household.scores").stream()
                    .map(HouseholdScoreChanged.class::cast)
                    .filter(score -> score.getTriggeringEventId() != null)
                    .collect(Collectors.groupingBy(
                            score -> score.getHousehold().getValue() + "|" + score.getTriggeringEventId(),
                            Collectors.counting()));
            assertThat(scoresPerEvent.values()).containsOnly(1L);
        } finally {
            second.close(Duration.ofSeconds(30));
        }
    }

    private static Map<String, Long> raisedByHousehold(List<SpecificRecord> warnings) {
        return warnings.stream()
                .map(HouseholdWarningEvent.class::cast)
                .filter(w -> w.getFact() instanceof WarningRaised)
                .collect(Collectors.groupingBy(w -> w.getHousehold().getValue(), Collectors.counting()));
    }
}
