package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.scoring.portrait.Events.HOUSEHOLD;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.disaster;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.family;
import static org.zhengce.scoring.portrait.Events.registered;

import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zhengce.events.DisasterSeverity;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.portrait.Events;
import org.zhengce.scoring.portrait.Portraits;
import org.zhengce.scoring.portrait.Retention;
import org.zhengce.scoring.warnings.WarningDecider;

/**
 * The decoded records a scoring task keeps ({@link HouseholdRecords}) never outlive what its store holds. A
 * {@code TopologyTestDriver} cannot abort a transaction; what Kafka Streams does when one aborts is played here on
 * the scorer itself: its task closed dirty ({@code close}), its store restored to the last commit, its processor
 * initialised again ({@code init}), then the next event.
 */
class HouseholdRecordsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private MockProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, HouseholdRecord> portraits;

    @BeforeEach
    void stores() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        portraits = store(Stores.PORTRAITS, new HouseholdRecordSerde());
        store(Stores.STATES, new JsonSerde<>(HouseholdState.class));
        store(Stores.SHADOW, new JsonSerde<>(ShadowEntry.class));
        store(Stores.DUE, Serdes.String());
        store(Stores.MODELS, Serdes.String());
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static HouseholdScorer scorer() {
        return new HouseholdScorer(
                new ModelSelection(ScoringModel.defaultModel()),
                Duration.ofSeconds(1),
                100,
                new WarningDecider(5),
                Retention.DEFAULT);
    }

    private void process(HouseholdScorer scorer, HouseholdEvent event) {
        scorer.process(new Record<>(HOUSEHOLD, event, NOW.toEpochMilli()));
    }

    private static HouseholdEvent registration() {
        return aboutHousehold()
                .community("420106001001")
                .at("2026-01-05T01:00:00Z")
                .fact(registered(family()));
    }

    private static HouseholdEvent check() {
        return aboutHousehold().at("2026-01-10T01:00:00Z").fact(economicCheck(30_000, false));
    }

    private static HouseholdEvent flood() {
        return aboutHousehold().at("2026-01-20T01:00:00Z").fact(disaster(DisasterSeverity.SEVERE, 2_000_000));
    }

    @Test
    void aTaskInitialisedAgainAfterAnAbortReadsItsHouseholdsAsRestored() {
        HouseholdScorer scorer = scorer();
        scorer.init(context);
        process(scorer, registration());
        HouseholdRecord committed = portraits.get(HOUSEHOLD);
        // the transaction that applies the check aborts: the task is closed dirty, its store restored to the last
        // commit (the registration alone), and the processor initialised again before the next event
        process(scorer, check());
        assertThat(portraits.get(HOUSEHOLD).portrait().economicCheck()).isNotNull();
        scorer.close();
        portraits.put(HOUSEHOLD, committed);
        scorer.init(context);

        process(scorer, flood());

        HouseholdRecord after = portraits.get(HOUSEHOLD);
        assertThat(after.portrait().disasters()).hasSize(1);
        assertThat(after.portrait().economicCheck())
                .as("the aborted transaction's check, kept decoded before the abort, is not applied again")
                .isNull();
        assertThat(after.portrait().appliedEventIds())
                .containsExactly(registration().getPlatformEventId(), flood().getPlatformEventId());
    }

    @Test
    void aKeptRecordIsTheRecordTheStoreWouldDecode() {
        // every kind of fact, applied one by one by the scorer: what it keeps decoded equals what a read decodes
        HouseholdScorer scorer = scorer();
        scorer.init(context);
        HouseholdRecords fromTheStore = new HouseholdRecords(portraits, 0);
        for (HouseholdEvent event : Events.everyKindOfFact()) {
            process(scorer, event);
            HouseholdRecord kept = scorer.kept(HOUSEHOLD);
            assertThat(kept).isNotNull();
            assertThat(kept).isEqualTo(fromTheStore.get(HOUSEHOLD));
        }
        assertThat(scorer.kept(HOUSEHOLD).portrait().appliedEventIds())
                .hasSize(Events.everyKindOfFact().size());
    }

    @Test
    void keepsAtMostItsBoundDecodedAndForgetsOnRequest() {
        HouseholdRecords records = new HouseholdRecords(portraits, 2);
        for (String household : new String[] {"h-1", "h-2", "h-3"}) {
            records.put(household, new HouseholdRecord(Portraits.empty(household), null));
        }
        assertThat(records.size()).isEqualTo(2);
        // the least recently used left the decoded ones, not the store
        assertThat(records.get("h-1")).isEqualTo(new HouseholdRecord(Portraits.empty("h-1"), null));

        portraits.put("h-1", new HouseholdRecord(Portraits.empty("h-1-restored"), null));
        assertThat(records.get("h-1").portrait().householdNumber()).isEqualTo("h-1");
        records.forget();
        assertThat(records.size()).isZero();
        assertThat(records.get("h-1").portrait().householdNumber()).isEqualTo("h-1-restored");
    }
}
