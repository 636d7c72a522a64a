package org.zhengce.scoring.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.portrait.Portraits;
import org.zhengce.scoring.portrait.Retention;
import org.zhengce.scoring.warnings.WarningDecider;

/** The scoring topology, as a pure function of its topics, serdes and settings. */
public final class ScoringTopology {

    /** Index of the score changes in {@link #apply}'s results (to {@code household.scores}). */
    public static final int SCORES = 0;

    /** Index of the warning events in {@link #apply}'s results (to {@code household.warnings}). */
    public static final int WARNINGS = 1;

    private ScoringTopology() {}

    /**
     * What the topology needs: topic names, the Avro serdes (Confluent wire format, configured with a registry),
     * the fallback model, the ticks, the warnings' hysteresis band ({@code scoring.warnings.hysteresis-points}), and
     * the processing dead-letter lane with its counter ({@code scoring.records.dead-lettered{reason}}).
     *
     * @param deadLetters the lane of records that cannot be read (Spring's handler) or are unsound as read
     * @param processingDeadLetters the lane of records a processor failed on ({@link ProcessingDeadLetterGate})
     * @param retention what a household's portrait keeps ({@code scoring.retention.*}; {@link Retention#DEFAULT})
     */
    public record Config(
            String householdEvents,
            String scores,
            String warnings,
            String models,
            String deadLetters,
            int partitions,
            Serde<HouseholdEvent> events,
            Serde<SpecificRecord> outputs,
            Serde<ScoringModelPublished> modelSerde,
            ScoringModel fallbackModel,
            Duration tick,
            int rescoreSlice,
            DeadLetterCounter deadLetterCounter,
            int hysteresisPoints,
            String processingDeadLetters,
            DeadLetterCounter processingDeadLetterCounter,
            Retention retention) {

        /** The same, keeping portraits as {@link Retention#DEFAULT}. */
        public Config(
                String householdEvents,
                String scores,
                String warnings,
                String models,
                String deadLetters,
                int partitions,
                Serde<HouseholdEvent> events,
                Serde<SpecificRecord> outputs,
                Serde<ScoringModelPublished> modelSerde,
                ScoringModel fallbackModel,
                Duration tick,
                int rescoreSlice,
                DeadLetterCounter deadLetterCounter,
                int hysteresisPoints,
                String processingDeadLetters,
                DeadLetterCounter processingDeadLetterCounter) {
            this(
                    householdEvents,
                    scores,
                    warnings,
                    models,
                    deadLetters,
                    partitions,
                    events,
                    outputs,
                    modelSerde,
                    fallbackModel,
                    tick,
                    rescoreSlice,
                    deadLetterCounter,
                    hysteresisPoints,
                    processingDeadLetters,
                    processingDeadLetterCounter,
                    Retention.DEFAULT);
        }

        /** The same configuration keeping portraits as {@code retention} says. */
        public Config withRetention(Retention retention) {
            return new Config(
                    householdEvents,
                    scores,
                    warnings,
                    models,
                    deadLetters,
                    partitions,
                    events,
                    outputs,
                    modelSerde,
                    fallbackModel,
                    tick,
                    rescoreSlice,
                    deadLetterCounter,
                    hysteresisPoints,
                    processingDeadLetters,
                    processingDeadLetterCounter,
                    retention);
        }

        /** The processing lane's topic by the catalogue's convention: {@code <household events>.processing.dlq}. */
        public static String processingDeadLettersOf(String householdEvents) {
            return householdEvents + ".processing.dlq";
        }

        /**
         * The same, with the default hysteresis band and the processing lane named by convention, not counted (as the
         * benchmarks' rig, outside scoring, builds it).
         */
        public Config(
                String householdEvents,
                String scores,
                String warnings,
                String models,
                String deadLetters,
                int partitions,
                Serde<HouseholdEvent> events,
                Serde<SpecificRecord> outputs,
                Serde<ScoringModelPublished> modelSerde,
                ScoringModel fallbackModel,
                Duration tick,
                int rescoreSlice,
                DeadLetterCounter deadLetterCounter) {
            this(
                    householdEvents,
                    scores,
                    warnings,
                    models,
                    deadLetters,
                    partitions,
                    events,
                    outputs,
                    modelSerde,
                    fallbackModel,
                    tick,
                    rescoreSlice,
                    deadLetterCounter,
                    Integer.parseInt(ScoringSettings.Warnings.DEFAULT_HYSTERESIS_POINTS),
                    processingDeadLettersOf(householdEvents),
                    DeadLetterCounter.none());
        }
    }

    /** Told of every record sent to a dead-letter topic from inside the topology, with the kind of fault. */
    @FunctionalInterface
    public interface DeadLetterCounter {
        /**
         * @param kind {@code unsound} (a record that cannot be scored as it is) on the first lane; on the processing
         *     lane, {@code unapplicable}, {@code model} or {@code processor} ({@link ProcessingFailure.Reason})
         */
        void deadLettered(String kind);

        static DeadLetterCounter none() {
            return kind -> {};
        }
    }

    /** The topology on its own builder (for {@code TopologyTestDriver} and {@code describe()}). */
    public static Topology build(Config c) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, c);
        return builder.build();
    }

    /** Adds the topology to {@code builder}: its stores, its sources, {@link #apply} and the results' sinks. */
    public static void define(StreamsBuilder builder, Config c) {
        Serde<String> keys = Serdes.String();
        ModelSelection models = new ModelSelection(c.fallbackModel());
        addStores(builder, c, models);
        KStream<String, HouseholdEvent> events = builder.stream(
                c.householdEvents(), Consumed.with(keys, c.events()).withName("household-events"));
        KStream<String, SpecificRecord>[] results = apply(events, models, c);
        results[SCORES].to(c.scores(), Produced.with(keys, c.outputs()).withName("to-scores"));
        results[WARNINGS].to(c.warnings(), Produced.with(keys, c.outputs()).withName("to-warnings"));
    }

    /**
     * Adds the stores the topology's processors use to the builder the topology runs on ({@link #define} to its own;
     * in the service, the binder's streams builder before it is built): {@link #storeBuilders}, and every published
     * model version in the global store {@link Stores#MODELS} (on every instance, as a global table keeps it), whose
     * updater tells {@code models} of each change, so that the selection holds the active model instead of reading
     * the store on every record.
     */
    static void addStores(StreamsBuilder builder, Config c, ModelSelection models) {
        Serde<String> keys = Serdes.String();
        storeBuilders(c).forEach(builder::addStateStore);
        builder.addGlobalStore(
                org.apache.kafka.streams.state.Stores.timestampedKeyValueStoreBuilder(
                                org.apache.kafka.streams.state.Stores.persistentTimestampedKeyValueStore(Stores.MODELS),
                                keys,
                                c.modelSerde())
                        .withLoggingDisabled(),
                c.models(),
                Consumed.with(keys, c.modelSerde()).withName("models"),
                () -> new PublishedModelsUpdater(models));
    }

    /**
     * The stores the topology's processors use, for the builder the topology runs on ({@link #define} adds them to
     * its own; in the service the binder's streams builder gets them before {@link #apply}).
     */
    public static List<StoreBuilder<?>> storeBuilders(Config c) {
        return List.of(
                store(Stores.PERSON_HOUSEHOLD, Serdes.String()),
                store(Stores.UNRESOLVED, c.events()),
                store(Stores.UNRESOLVED_SINCE, Serdes.Long()),
                // one record a household (portrait, score, warning, due time); the states store only until households
                // migrate
                store(Stores.PORTRAITS, new HouseholdRecordSerde()),
                store(Stores.STATES, new JsonSerde<>(HouseholdState.class)),
                store(Stores.SHADOW, new JsonSerde<>(ShadowEntry.class)),
                store(Stores.DUE, Serdes.String()));
    }

    /**
     * The topology from its input to its results, on a builder that has (or, before it is built, will have) the
     * stores of {@link #addStores} with the same {@code models}: the function the Kafka Streams binder binds, and what
     * {@link #define} calls. Unsound records and those a processor fails on are
     * written to their dead-letter topics ({@link Config#deadLetters()}, {@link Config#processingDeadLetters()})
     * inside the topology, in the task's transaction.
     *
     * @param source the household events as read ({@code household.events})
     * @param models the selection of the active and shadow models, told of each published change by the global
     *     store's updater
     * @return the score changes at {@link #SCORES} and the warning events at {@link #WARNINGS}
     */
    @SuppressWarnings("unchecked")
    static KStream<String, SpecificRecord>[] apply(
            KStream<String, HouseholdEvent> source, ModelSelection models, Config c) {
        Serde<String> keys = Serdes.String();
        // every record a processor fails on goes to the processing dead letters, and the stream goes on
        KStream<String, HouseholdEvent> events = guarded(source, "household-events", "route-", c);

        // route: unsound records to the dead letters, household facts on by household, person facts by person
        Map<String, KStream<String, HouseholdEvent>> routes = events.split(Named.as("route-"))
                .branch((key, event) -> unsound(key, event) != null, Branched.as("unsound"))
                .branch((key, event) -> event.getSubject() instanceof HouseholdNumber, Branched.as("household"))
                .defaultBranch(Branched.as("person"));
        routes.get("route-unsound")
                .processValues(() -> new Unsound(c.deadLetterCounter()), Named.as("explain-unsound"))
                .to(c.deadLetters(), Produced.with(keys, c.events()).withName("unsound-to-dead-letters"));
        KStream<String, HouseholdEvent> householdFacts = routes.get("route-household");

        // memberships re-keyed to each person they name (the one hop by person); the persons' own facts arrive keyed by
        // person on the same partitions (same count, default partitioner), so they join the resolver without it
        KStream<String, HouseholdEvent> membershipsByPerson = householdFacts
                .flatMap(
                        (household, event) -> {
                            List<KeyValue<String, HouseholdEvent>> perPerson = new ArrayList<>();
                            Portraits.membershipChanges(event)
                                    .forEach(change -> perPerson.add(KeyValue.pair(change.person(), event)));
                            return perPerson;
                        },
                        Named.as("memberships-by-person"))
                .repartition(Repartitioned.<String, HouseholdEvent>as("by-person")
                        .withKeySerde(keys)
                        .withValueSerde(c.events())
                        .withNumberOfPartitions(c.partitions()));
        KStream<String, HouseholdEvent> byPerson = guarded(membershipsByPerson, "by-person", "with-person-facts", c)
                .merge(routes.get("route-person"), Named.as("with-person-facts"));

        // person facts resolved to their household (held until the membership is known)
        KStream<String, HouseholdEvent> resolved = byPerson.process(
                        PersonResolver::new,
                        Named.as("resolve-persons"),
                        Stores.PERSON_HOUSEHOLD,
                        Stores.UNRESOLVED,
                        Stores.UNRESOLVED_SINCE)
                .repartition(Repartitioned.<String, HouseholdEvent>as("by-household")
                        .withKeySerde(keys)
                        .withValueSerde(c.events())
                        .withNumberOfPartitions(c.partitions()));

        // portrait, score, warnings
        WarningDecider warnings = new WarningDecider(c.hysteresisPoints());
        KStream<String, SpecificRecord> results = householdFacts
                .merge(guarded(resolved, "by-household", "all-household-facts", c), Named.as("all-household-facts"))
                .process(
                        () -> new HouseholdScorer(models, c.tick(), c.rescoreSlice(), warnings, c.retention()),
                        Named.as("score-households"),
                        Stores.PORTRAITS,
                        Stores.STATES,
                        Stores.SHADOW,
                        Stores.DUE);
        // score changes and warning events apart, each to its topic
        Map<String, KStream<String, SpecificRecord>> byKind = results.split(Named.as("result-"))
                .branch((household, value) -> value instanceof HouseholdScoreChanged)
                .branch((household, value) -> value instanceof HouseholdWarningEvent)
                .noDefaultBranch();
        KStream<String, SpecificRecord>[] byTopic = new KStream[2];
        byTopic[SCORES] = byKind.get("result-1");
        byTopic[WARNINGS] = byKind.get("result-2");
        return byTopic;
    }

    /**
     * {@code stream} through a {@link ProcessingDeadLetterGate} named {@code <name>-gate}: its records go on to the
     * operator named {@code onward} (which the caller adds to the returned stream), or, when a processor fails on
     * one, to the processing dead letters through the sink {@code <name>-to-processing-dead-letters}.
     */
    private static KStream<String, HouseholdEvent> guarded(
            KStream<String, HouseholdEvent> stream, String name, String onward, Config c) {
        String lane = name + "-to-processing-dead-letters";
        KStream<String, HouseholdEvent> gate = stream.processValues(
                () -> new ProcessingDeadLetterGate(onward, lane, c.processingDeadLetterCounter()),
                Named.as(name + "-gate"));
        gate.to(
                c.processingDeadLetters(),
                Produced.with(Serdes.String(), c.events()).withName(lane));
        return gate;
    }

    /** Why a record cannot be scored, or null: a household fact about a person, a key that is not its subject. */
    static @Nullable String unsound(@Nullable String key, @Nullable HouseholdEvent event) {
        if (event == null) {
            return "no value";
        }
        if (event.getFact() == null || event.getSubject() == null) {
            return "no fact or no subject";
        }
        String subject = event.getSubject() instanceof HouseholdNumber h
                ? h.getValue()
                : ((PersonPseudonym) event.getSubject()).getValue();
        if (!subject.equals(key)) {
            return "record key " + key + " is not the event's subject";
        }
        if (event.getSubject() instanceof PersonPseudonym && Portraits.isHouseholdFact(event)) {
            return event.getFact().getClass().getSimpleName() + " is a household fact but names a person";
        }
        return null;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        // cached: a household's several events in one commit interval are one store write and one changelog record
        return org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    /** Adds the reason to an unsound record's headers on its way to the dead letters. */
    private static final class Unsound implements FixedKeyProcessor<String, HouseholdEvent, HouseholdEvent> {

        private final DeadLetterCounter counter;
        private FixedKeyProcessorContext<String, HouseholdEvent> context;

        Unsound(DeadLetterCounter counter) {
            this.counter = counter;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, HouseholdEvent> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, HouseholdEvent> record) {
            String reason = String.valueOf(unsound(record.key(), record.value()));
            record.headers().add(HouseholdScorer.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
            counter.deadLettered("unsound");
            context.forward(record);
        }
    }
}
