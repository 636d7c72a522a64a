package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.disaster;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.registered;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhengce.events.DisasterSeverity;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.events.WarningRaised;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.PortraitSerde;
import org.zhengce.scoring.portrait.Portraits;

/**
 * An instance whose stores are in the format before the household record (a JSON portrait in {@code portraits}, a
 * JSON state in {@code household-states}, as today's bytes) keeps working: the household reads, its next event is
 * scored from the old state exactly as a household kept in the new format is, and that first write migrates it (one
 * binary record, the old state entry deleted).
 */
class HouseholdRecordUpgradeTest {

    private static final String COMMUNITY = "110105001001";

    @TempDir
    Path stateDir;

    private TopologyHarness topology;

    @BeforeEach
    void start() {
        topology = new TopologyHarness(stateDir);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private List<HouseholdEvent> history(String household, String tag) {
        Instant now = topology.now();
        return List.of(
                aboutHousehold(household)
                        .community(COMMUNITY)
                        .id(tag + "-registered")
                        .at(now.minus(Duration.ofDays(30)))
                        .fact(registered(
                                member(tag + "-head", RelationToHead.HEAD, "1950-03-01", Sex.MALE),
                                member(tag + "-spouse", RelationToHead.SPOUSE, "1952-05-01", Sex.FEMALE))),
                aboutHousehold(household)
                        .id(tag + "-check")
                        .at(now.minus(Duration.ofDays(20)))
                        .fact(economicCheck(80_000, false)));
    }

    private HouseholdEvent disasterIn(String household, String tag) {
        return aboutHousehold(household)
                .id(tag + "-disaster")
                .at(topology.now().minus(Duration.ofDays(1)))
                .fact(disaster(DisasterSeverity.SEVERE, 5_000_000));
    }

    @Test
    void aHouseholdInTodaysFormatReadsScoresAsTheNewFormatAndIsMigratedByItsFirstWrite() {
        // the same history for a household kept in the new format, and one left as today's stores have it
        history("hh-new", "new").forEach(topology::send);
        HouseholdState scored =
                topology.<HouseholdRecord>store(Stores.PORTRAITS).get("hh-new").state();
        assertThat(scored).isNotNull();
        Portrait oldPortrait = Portraits.empty("hh-old");
        for (HouseholdEvent event : history("hh-old", "old")) {
            oldPortrait = Portraits.apply(oldPortrait, event);
        }
        String oldDueKey = scored.dueKey() == null
                ? null
                : scored.dueKey().substring(0, scored.dueKey().indexOf('|') + 1) + "hh-old";
        HouseholdState oldState = new HouseholdState(
                scored.modelVersion(),
                scored.dimensions(),
                scored.total(),
                scored.category(),
                scored.level(),
                scored.warningId(),
                scored.warnedSince(),
                scored.communityCode(),
                scored.assessedAt(),
                oldDueKey);
        rocks(Stores.PORTRAITS).put(key("hh-old"), new PortraitSerde().write(oldPortrait));
        rocks(Stores.STATES)
                .put(
                        key("hh-old"),
                        new JsonSerde<>(HouseholdState.class).serializer().serialize("t", oldState));
        if (oldDueKey != null) {
            rocks(Stores.DUE).put(key(oldDueKey), "hh-old".getBytes(StandardCharsets.UTF_8));
        }

        // read as it is: the portrait from the JSON, the state still in the old store
        HouseholdRecord asFound =
                topology.<HouseholdRecord>store(Stores.PORTRAITS).get("hh-old");
        assertThat(asFound.portrait()).isEqualTo(oldPortrait);
        assertThat(asFound.state()).isNull();
        assertThat(rocks(Stores.PORTRAITS).get(key("hh-old"))[0]).isEqualTo((byte) '{');

        // the next event: scored from the old state exactly as from the new record
        topology.scoreChanges();
        topology.send(disasterIn("hh-new", "new"));
        topology.send(disasterIn("hh-old", "old"));

        List<HouseholdScoreChanged> scores = topology.scoreChanges();
        assertThat(scores).hasSize(2);
        assertThat(scores.get(1).getPreviousTotal())
                .as("the previous total came from the old state store")
                .isEqualTo(oldState.total());
        assertThat(scores.get(1).getTotal()).isEqualTo(scores.get(0).getTotal());
        assertThat(scores.get(1).getScores()).isEqualTo(scores.get(0).getScores());
        List<HouseholdWarningEvent> warnings = topology.warningEvents();
        assertThat(warnings).allSatisfy(w -> assertThat(w.getFact()).isInstanceOf(WarningRaised.class));
        assertThat(warnings).extracting(w -> w.getHousehold().getValue()).containsExactly("hh-new", "hh-old");

        // migrated: one binary record with the state, the old state entry gone
        HouseholdRecord migrated =
                topology.<HouseholdRecord>store(Stores.PORTRAITS).get("hh-old");
        assertThat(migrated.state()).isNotNull();
        assertThat(migrated.state().warned()).isTrue();
        assertThat(migrated.state().total()).isEqualTo(scores.get(1).getTotal());
        assertThat(topology.<HouseholdState>store(Stores.STATES).get("hh-old")).isNull();
        HouseholdRecord fresh =
                topology.<HouseholdRecord>store(Stores.PORTRAITS).get("hh-new");
        assertThat(strip(migrated.state())).isEqualTo(strip(fresh.state()));
    }

    @Test
    void aDueHouseholdInTodaysFormatIsReScoredOnTheTickAndMigrated() {
        Portrait oldPortrait = Portraits.empty("hh-due");
        for (HouseholdEvent event : history("hh-due", "due")) {
            oldPortrait = Portraits.apply(oldPortrait, event);
        }
        HouseholdState oldState = new HouseholdState(
                "wuchang-2026.1",
                java.util.Map.of(),
                0,
                null,
                null,
                null,
                null,
                COMMUNITY,
                topology.now().minus(Duration.ofDays(20)),
                HouseholdScorer.dueKey(topology.now().plusSeconds(1), "hh-due"));
        rocks(Stores.PORTRAITS).put(key("hh-due"), new PortraitSerde().write(oldPortrait));
        rocks(Stores.STATES)
                .put(
                        key("hh-due"),
                        new JsonSerde<>(HouseholdState.class).serializer().serialize("t", oldState));
        rocks(Stores.DUE).put(key(oldState.dueKey()), "hh-due".getBytes(StandardCharsets.UTF_8));

        topology.advance(Duration.ofSeconds(2));

        assertThat(topology.scoreChanges())
                .singleElement()
                .satisfies(score -> assertThat(score.getPreviousTotal()).isZero());
        assertThat(topology.<HouseholdRecord>store(Stores.PORTRAITS)
                        .get("hh-due")
                        .state())
                .isNotNull();
        assertThat(topology.<HouseholdState>store(Stores.STATES).get("hh-due")).isNull();
    }

    /** The state without what names the household or the instant. */
    private static HouseholdState strip(HouseholdState state) {
        Function<String, String> noHousehold = key -> key == null ? null : key.substring(0, key.indexOf('|'));
        return new HouseholdState(
                state.modelVersion(),
                state.dimensions(),
                state.total(),
                state.category(),
                state.level(),
                null,
                state.warnedSince(),
                state.communityCode(),
                state.assessedAt(),
                noHousehold.apply(state.dueKey()));
    }

    private static Bytes key(String key) {
        return Bytes.wrap(Serdes.String().serializer().serialize("t", key));
    }

    /** The store's RocksDB under its metering, cache and changelog layers: the bytes as they are on disk. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> rocks(String name) {
        StateStore store = (StateStore) topology.driver.getKeyValueStore(name);
        while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
            store = wrapped.wrapped();
        }
        return (KeyValueStore<Bytes, byte[]>) store;
    }
}
