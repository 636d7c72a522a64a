package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.aboutPerson;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.illness;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.registered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;

/**
 * A scoring instance restored from its changelog in the household record's format: events processed, the instance
 * closed, its state directory deleted, started again: every household reads back through the store as it was, and
 * the restart (same model) publishes no score change for them.
 */
class ChangelogRestoreTests {

    private static final int HOUSEHOLDS = 40;
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

    private KafkaStreams streams() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-restore-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return new KafkaStreams(ScoringTopology.build(broker.topologyConfig()), props);
    }

    private static List<HouseholdEvent> history(int i, Instant now) {
        String household = "restore-hh-" + i;
        String head = "restore-head-" + i;
        return List.of(
                aboutHousehold(household)
                        .community("110105001001")
                        .at(now.minus(Duration.ofDays(30)))
                        .fact(registered(
                                member(head, RelationToHead.HEAD, "1944-03-01", Sex.MALE),
                                member("restore-spouse-" + i, RelationToHead.SPOUSE, "1946-05-01", Sex.FEMALE))),
                aboutHousehold(household).at(now.minus(Duration.ofDays(20))).fact(economicCheck(50000, false)),
                aboutPerson(head)
                        .by(Department.HEALTH)
                        .at(now.minus(Duration.ofDays(5)))
                        .fact(illness(IllnessCategory.SERIOUS)));
    }

    @Test
    void anInstanceWithoutItsStateDirectoryRestoresEveryHouseholdFromTheChangelog() throws Exception {
        Instant now = Instant.now();
        List<HouseholdEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < HOUSEHOLDS; i++) {
            events.addAll(history(i, now));
        }
        broker.produce(events);

        Map<String, HouseholdRecord> before;
        KafkaStreams first = streams();
        first.start();
        try {
            // every household scored with its illness (the last event: the person's fact, resolved)
            await().atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .until(() -> withIllness(households(first)) == HOUSEHOLDS);
            before = households(first);
        } finally {
            first.close(new KafkaStreams.CloseOptions()
                    .timeout(Duration.ofSeconds(30))
                    .leaveGroup(true));
        }
        int scoresBefore = broker.readCommitted("household.scores").size();
        deleteRecursively(stateDir);

        KafkaStreams second = streams();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .until(() -> households(second).size() == HOUSEHOLDS);
            assertThat(households(second)).isEqualTo(before);
            assertThat(Files.list(stateDir).findAny())
                    .as("the state was rebuilt on disk")
                    .isPresent();

            // a new event for one household: scored from the restored record, and nothing else re-published
            HouseholdEvent marker = aboutHousehold("restore-hh-0").at(now).fact(economicCheck(120000, false));
            broker.produce(List.of(marker));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> broker.readCommitted("household.scores").stream()
                            .map(HouseholdScoreChanged.class::cast)
                            .anyMatch(s -> marker.getEventId().equals(s.getTriggeringEventId())));
            List<HouseholdScoreChanged> after = broker.readCommitted("household.scores").stream()
                    .map(HouseholdScoreChanged.class::cast)
                    .toList();
            assertThat(after).hasSize(scoresBefore + 1);
            HouseholdScoreChanged changed = after.stream()
                    .filter(s -> marker.getEventId().equals(s.getTriggeringEventId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(changed.getPreviousTotal())
                    .isEqualTo(before.get("restore-hh-0").state().total());
        } finally {
            second.close(Duration.ofSeconds(30));
        }
    }

    private static long withIllness(Map<String, HouseholdRecord> households) {
        return households.values().stream()
                .filter(r -> !r.portrait().health().illnesses().isEmpty() && r.state() != null)
                .count();
    }

    private static Map<String, HouseholdRecord> households(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, HouseholdRecord> store = streams.store(StoreQueryParameters.fromNameAndType(
                Stores.PORTRAITS, QueryableStoreTypes.<String, HouseholdRecord>keyValueStore()));
        Map<String, HouseholdRecord> all = new HashMap<>();
        try (KeyValueIterator<String, HouseholdRecord> entries = store.all()) {
            entries.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(dir)) {
                    Files.delete(path);
                }
            }
        }
    }
}
