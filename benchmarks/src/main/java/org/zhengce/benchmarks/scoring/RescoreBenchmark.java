package org.zhengce.benchmarks.scoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.BenchmarkSettings;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.Spread;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.ModelFormat;
import org.zhengce.events.ModelRole;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.scoring.streams.HouseholdRecord;
import org.zhengce.scoring.streams.HouseholdState;
import org.zhengce.scoring.streams.ScoringTopology;
import org.zhengce.scoring.streams.Stores;

/**
 * A model switch over a city's households: how long from publishing a new ACTIVE model until every household's new
 * score is committed.
 */
public final class RescoreBenchmark implements Benchmark {

    /** The goal (issue 16): 130,000 households re-scored in under 5 s; fewer households are judged pro rata. */
    static final double GOAL_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(RescoreBenchmark.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration SWITCH_TIMEOUT = Duration.ofMinutes(5);

    private final int households;
    private final int switches;

    /**
     * {@link #households(BenchmarkSettings)} households (set when the case runs) and {@code bench.scoring.switches}
     * (default 3) model switches.
     */
    public RescoreBenchmark() {
        this(-1, Integer.getInteger("bench.scoring.switches", 3));
    }

    /** @param households how many, or -1 for {@link #households(BenchmarkSettings)} */
    public RescoreBenchmark(int households, int switches) {
        if (switches < 1 || switches > 6) {
            throw new IllegalArgumentException("switches must be 1 to 6 (each raises a rule's points by 2 within"
                    + " its dimension's cap), was " + switches);
        }
        this.households = households;
        this.switches = switches;
    }

    /**
     * {@code -Dbench.scoring.households} if set, else Wuchang's 130,000 for a full run and as many fewer as the run
     * has fewer records than the default (a quick run's 50,000 records: 32,500 households).
     */
    public static int households(BenchmarkSettings settings) {
        Integer chosen = Integer.getInteger("bench.scoring.households");
        if (chosen != null) {
            return chosen;
        }
        long scaled = (long) RescoreHouseholds.WUCHANG_HOUSEHOLDS
                * Math.min(settings.records(), BenchmarkSettings.DEFAULT_RECORDS)
                / BenchmarkSettings.DEFAULT_RECORDS;
        return (int) Math.max(1_000, scaled);
    }

    @Override
    public String name() {
        return "Re-score after a model switch";
    }

    @Override
    public String method() {
        return "Re-score after a model switch: households generated like the city feed's (one to five members),"
                + " each registered and given an economic check below the dibao line (two events per household),"
                + " are scored by a streams application of ScoringTopology (" + ScoringRig.STREAMS_SETTINGS
                + ") until all is committed (not timed). Then a new ACTIVE ScoringModelPublished is sent to the"
                + " models topic: the default model's YAML with a new version and economic.below-dibao-line worth 2"
                + " more points, so every household's total changes. Timed from the send until a read_committed"
                + " consumer of the scores topic has seen a HouseholdScoreChanged of the new version for every"
                + " household (the global models table, the next 1 s tick, the re-score of each task's households"
                + " from their stored portraits and the commit are inside the timing); after each switch every"
                + " state in household-states is checked to carry the new version. " + switches + " switch(es) in a"
                + " row on the same application, the figure is their median (min–max).";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        int count = households > 0 ? households : households(context.settings());
        String run = Long.toString(context.startedAt().getEpochSecond());
        ScoringRig.Topics topics = ScoringRig.Topics.under("bench.scoring.rescore." + run + ".");
        Instant now = Instant.now();
        List<HouseholdEvent> events =
                RescoreHouseholds.generate(context.settings().seed(), count, now);
        List<byte[]> keys = events.stream().map(RescoreHouseholds::key).toList();
        log.info("{}: {} households, {} events", name(), count, events.size());
        String applicationId = "bench-rescore-" + run;
        Path stateDir = Files.createTempDirectory("bench-rescore-state-");
        try (Admin admin = ScoringRig.admin(context.bootstrapServers())) {
            ScoringRig.createTopics(admin, topics);
            int partitions = ScoringRig.partitions(admin, topics.events());
            ScoringRig.produce(context.bootstrapServers(), context.registryUrl(), topics.events(), events, keys);
            AtomicLong deadLetters = new AtomicLong();
            ScoringTopology.Config config = ScoringRig.config(context.registryUrl(), topics, partitions, deadLetters);
            Topology topology = ScoringTopology.build(config);
            ScoringRig.createInternalTopics(admin, topology, applicationId, partitions);
            KafkaStreams streams = new KafkaStreams(
                    topology, ScoringRig.streamsProperties(context.bootstrapServers(), applicationId, stateDir));
            try {
                long start = System.nanoTime();
                streams.start();
                ScoringRig.CaughtUp loaded = ScoringRig.awaitCaughtUp(
                        admin, streams, applicationId, topics.events(), partitions, LOAD_TIMEOUT);
                long states = statesWith(streams, null);
                log.info(String.format(
                        Locale.ROOT,
                        "%s: %,d events scored in %.1f s (%,.0f events/s, start-up included), %,d household"
                                + " states, %,d dead letters",
                        name(),
                        events.size(),
                        (loaded.doneNanos() - start) / 1e9,
                        events.size() * 1e9 / (loaded.doneNanos() - start),
                        states,
                        deadLetters.get()));
                if (states != count || deadLetters.get() != 0) {
                    throw new IllegalStateException("expected " + count
                            + " household states and no dead letters, found " + states + " and " + deadLetters.get());
                }
                List<Double> seconds = new ArrayList<>();
                for (int step = 1; step <= switches; step++) {
                    seconds.add(switchModel(context, topics, partitions, streams, run, step, count));
                }
                Spread spread = Spread.of(seconds);
                return new ResultRow(
                        String.format(
                                Locale.ROOT,
                                "%s, %,d households%s, seconds from publish to every new score committed",
                                name(),
                                count,
                                count == RescoreHouseholds.WUCHANG_HOUSEHOLDS ? " (Wuchang's size)" : ""),
                        "—",
                        String.format(Locale.ROOT, "%.1f s (%.1f–%.1f)", spread.median(), spread.min(), spread.max()),
                        "—",
                        String.format(Locale.ROOT, "< %.0f s for 130,000", GOAL_SECONDS),
                        spread.median() < GOAL_SECONDS * count / RescoreHouseholds.WUCHANG_HOUSEHOLDS);
            } finally {
                ScoringRig.dispose(admin, streams, applicationId, stateDir);
            }
        }
    }

    /** Publishes the {@code step}-th model and returns the seconds until every household's new score is committed. */
    private double switchModel(
            BenchmarkContext context,
            ScoringRig.Topics topics,
            int partitions,
            KafkaStreams streams,
            String run,
            int step,
            int count)
            throws Exception {
        String version = RescoreModels.version(run, step);
        ScoringModelPublished published = ScoringModelPublished.newBuilder()
                .setModelVersion(version)
                .setFormat(ModelFormat.YAML)
                .setModel(RescoreModels.yaml(version, step))
                .setActivatedAt(Instant.now())
                .setPublishedBy("benchmarks")
                .setNote(RescoreModels.RULE + " +" + 2 * step + " points")
                .setRole(ModelRole.ACTIVE)
                .build();
        ConfluentAvroSerializer<ScoringModelPublished> serializer =
                new ConfluentAvroSerializer<>(ScoringRig.registry(context.registryUrl()));
        serializer.serialize(topics.models(), published); // registers the schema outside the timing
        try (KafkaConsumer<String, SpecificRecord> scores = scoresConsumer(context, topics.scores(), partitions);
                KafkaProducer<String, ScoringModelPublished> producer = modelProducer(context, serializer)) {
            producer.partitionsFor(topics.models()); // metadata outside the timing
            scores.poll(Duration.ZERO);
            Set<String> rescored = new HashSet<>(count * 2);
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(topics.models(), version, published))
                    .get(30, TimeUnit.SECONDS);
            long firstScore = -1;
            long deadline = start + SWITCH_TIMEOUT.toNanos();
            while (rescored.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + rescored.size() + " of " + count + " households re-scored"
                            + " with " + version + " after " + SWITCH_TIMEOUT);
                }
                for (ConsumerRecord<String, SpecificRecord> record : scores.poll(Duration.ofMillis(100))) {
                    if (record.value() instanceof HouseholdScoreChanged changed
                            && version.equals(changed.getModelVersion())) {
                        if (firstScore < 0) {
                            firstScore = System.nanoTime();
                        }
                        rescored.add(changed.getHousehold().getValue());
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long states = statesWith(streams, version);
            log.info(String.format(
                    Locale.ROOT,
                    "%s: switch %d to %s: %,d households re-scored and committed in %.2f s (first new score"
                            + " committed after %.2f s); %,d of %,d states carry the new version",
                    name(),
                    step,
                    version,
                    count,
                    seconds,
                    (firstScore - start) / 1e9,
                    states,
                    count));
            if (states != count) {
                throw new IllegalStateException(
                        "after the switch to " + version + " only " + states + " of " + count + " states carry it");
            }
            return seconds;
        }
    }

    /** A read_committed consumer of every partition of {@code topic}, at its end. */
    private static KafkaConsumer<String, SpecificRecord> scoresConsumer(
            BenchmarkContext context, String topic, int partitions) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(
                config,
                new StringDeserializer(),
                ScoringRig.<SpecificRecord>serde(ScoringRig.registry(context.registryUrl()), null)
                        .deserializer());
        List<TopicPartition> all = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .toList();
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position); // resolve the end offsets now, before the model is published
        return consumer;
    }

    private static KafkaProducer<String, ScoringModelPublished> modelProducer(
            BenchmarkContext context, ConfluentAvroSerializer<ScoringModelPublished> serializer) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), serializer);
    }

    /**
     * Household states in the households' records ({@code portraits} store, through interactive queries), those of
     * {@code version} only unless it is null.
     */
    private static long statesWith(KafkaStreams streams, @Nullable String version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, HouseholdRecord> store =
                        streams.store(StoreQueryParameters.fromNameAndType(
                                Stores.PORTRAITS, QueryableStoreTypes.<String, HouseholdRecord>keyValueStore()));
                long n = 0;
                try (KeyValueIterator<String, HouseholdRecord> all = store.all()) {
                    while (all.hasNext()) {
                        HouseholdState state = all.next().value.state();
                        if (state != null && (version == null || version.equals(state.modelVersion()))) {
                            n++;
                        }
                    }
                }
                return n;
            } catch (InvalidStateStoreException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }
}
