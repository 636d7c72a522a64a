package org.zhengce.benchmarks.scoring;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.Comparison;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.Spread;
import org.zhengce.events.HouseholdEvent;

/**
 * Scoring's topology with exactly-once against its ceiling, a minimal exactly-once Kafka Streams topology over the
 * same input with the same settings ({@link MinimalEosTopology}): records/s from the streams' start until the input is
 * consumed and everything that came of it is committed. A raw consumer reading the same input runs in the same rounds,
 * as context. After the last round of ours, its changelogs give the state written per event ({@link ChangelogSizes}).
 */
public final class ScoringThroughputBenchmark implements Benchmark {

    /** Issue 16's goal: scoring at least half as fast as the minimal exactly-once topology. */
    static final double GOAL = 0.5;

    private static final Logger log = LoggerFactory.getLogger(ScoringThroughputBenchmark.class);
    private static final Duration NO_PROGRESS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(10);

    /** Measured rounds per side (each of ours starts a new streams application): {@code bench.scoring.rounds}. */
    private final int rounds;
    /** Discarded rounds per side before them: {@code bench.scoring.warmups}. */
    private final int warmups;

    /** Three measured rounds and one warm-up per side, or {@code -Dbench.scoring.rounds / .warmups}. */
    public ScoringThroughputBenchmark() {
        this(Integer.getInteger("bench.scoring.rounds", 3), Integer.getInteger("bench.scoring.warmups", 1));
    }

    public ScoringThroughputBenchmark(int rounds, int warmups) {
        if (rounds < 1 || warmups < 0) {
            throw new IllegalArgumentException(
                    "rounds must be at least 1 and warm-ups 0 or more, were " + rounds + " and " + warmups);
        }
        this.rounds = rounds;
        this.warmups = warmups;
    }

    @Override
    public String name() {
        return "Scoring throughput";
    }

    @Override
    public String method() {
        return "Scoring throughput: one topic shaped like household.events (12 partitions, the catalogue's configs)"
                + " is filled once with the run's events (Avro through ConfluentAvroSerializer, keyed by their"
                + " subject as intake keys them). Raw (the goal's): a new application per round of the minimal"
                + " exactly-once topology (the shape of Kafka Streams' SimpleBenchmark count case: the input as bytes,"
                + " a per-key count in a RocksDB store with its changelog, the counts to a 12-partition output topic;"
                + " same streams settings, same start-up-inside-the-timing and the same wait as ours). Raw consumer"
                + " (context): a new KafkaConsumer<byte[], byte[]> per round, every"
                + " partition assigned (no group), default fetch settings, timed from the seek to the beginning"
                + " until the last record is polled. Ours: a new KafkaStreams of ScoringTopology.build per round"
                + " (fresh application id and state directory, empty stores, " + ScoringRig.STREAMS_SETTINGS
                + "; output topics created once, its changelog and repartition topics created before each round"
                + " as a deployed service finds them), timed from start() (so group join, task creation and the"
                + " producer's transactional init are inside the timing) until the application's"
                + " committed offsets equal the input's end offsets on every partition and the records it re-keys"
                + " through its repartition topics (today two) are committed too (Admin.listConsumerGroupOffsets, polled"
                + " every 100 ms): every input record consumed, every score, warning and changelog write committed."
                + " " + warmups + " warm-up and " + rounds + " measured round(s) per side, the three sides' order"
                + " turning every round; closing an application and deleting its internal topics is outside the"
                + " timing. State: after the last round of ours, every topic named <application id>-*-changelog is"
                + " read (read_committed, untimed): the size of every value written (p50/p90/p99/max, what one event"
                + " cost that store) and of the latest value per key (what a household holds after the run's events).";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        return rows(context).get(0);
    }

    /**
     * Scoring against the minimal exactly-once topology (the goal's row), scoring and the minimal topology against the
     * raw consumer (context), then one row per store of scoring's state.
     */
    @Override
    public List<ResultRow> rows(BenchmarkContext context) throws Exception {
        List<HouseholdEvent> events = context.events();
        List<byte[]> keys = context.keys();
        for (int i = 0; i < events.size(); i++) {
            if (!Arrays.equals(keys.get(i), RescoreHouseholds.key(events.get(i)))) {
                throw new IllegalStateException(
                        "event " + i + "'s key is not its subject: the topology would" + " dead-letter it");
            }
        }
        String run = Long.toString(context.startedAt().getEpochSecond());
        ScoringRig.Topics topics = ScoringRig.Topics.under("bench.scoring.throughput." + run + ".");
        String minimalOutput = topics.prefix() + "minimal.counts";
        long records = events.size();
        try (Admin admin = ScoringRig.admin(context.bootstrapServers())) {
            ScoringRig.createTopics(admin, topics);
            int partitions = ScoringRig.partitions(admin, topics.events());
            context.createTopic(minimalOutput, partitions);
            ScoringRig.produce(context.bootstrapServers(), context.registryUrl(), topics.events(), events, keys);
            log.info("{}: {} events on {} ({} partitions)", name(), records, topics.events(), partitions);
            // each side numbers its own rounds: an application id is never used twice
            int[] round = {0, 0};
            List<ChangelogSizes> state = new ArrayList<>();
            Sides sides = alternate(
                    records,
                    () -> readAll(context.bootstrapServers(), topics.events(), partitions, records),
                    () -> minimal(context, admin, topics.events(), minimalOutput, partitions, run, ++round[0]),
                    () -> score(context, admin, topics, partitions, run, ++round[1], state));
            String perRound = String.format(Locale.ROOT, "%,d records per round", records);
            List<ResultRow> rows = new ArrayList<>();
            rows.add(ResultRow.throughput(
                    name() + ", exactly-once, input consumed to outputs committed, records/s: Raw = the minimal"
                            + " exactly-once Kafka Streams topology, same input and settings (" + perRound + ")",
                    sides.compare(sides.minimal(), sides.ours()),
                    GOAL));
            rows.add(ResultRow.context(
                    name() + ", records/s: Raw = a raw KafkaConsumer reading the same input (" + perRound + ")",
                    sides.compare(sides.consumer(), sides.ours())));
            rows.add(ResultRow.context(
                    "Minimal exactly-once Kafka Streams topology, records/s: Raw = the raw KafkaConsumer (" + perRound
                            + ")",
                    sides.compare(sides.consumer(), sides.minimal())));
            for (ChangelogSizes store : state) {
                rows.add(store.row("Scoring", records));
            }
            return rows;
        }
    }

    /** One timed pass of a side; returns the nanoseconds it measured. */
    @FunctionalInterface
    interface Round {
        long run() throws Exception;
    }

    /** Each side's records/s in every measured round, in round order. */
    record Sides(List<Double> consumer, List<Double> minimal, List<Double> ours) {

        /** {@code raw} against {@code ours}, the ratio taken within each round. */
        Comparison compare(List<Double> raw, List<Double> ours) {
            List<Double> ratios = IntStream.range(0, raw.size())
                    .mapToObj(i -> ours.get(i) / raw.get(i))
                    .toList();
            return new Comparison(Spread.of(raw), Spread.of(ours), Spread.of(ratios));
        }
    }

    /**
     * The three sides in rounds whose order turns every round (consumer, minimal, ours; then minimal, ours, consumer;
     * then ours, consumer, minimal; ...), so that no side always runs first, on a cooler or a warmer machine; this
     * case's own round counts, as a round of ours lasts tens of seconds.
     */
    private Sides alternate(long records, Round consumer, Round minimal, Round ours) throws Exception {
        List<Double> consumerRates = new ArrayList<>();
        List<Double> minimalRates = new ArrayList<>();
        List<Double> ourRates = new ArrayList<>();
        List<Round> sides = List.of(consumer, minimal, ours);
        for (int round = 0; round < warmups + rounds; round++) {
            double[][] measured = new double[3][];
            for (int step = 0; step < 3; step++) {
                int side = (round + step) % 3;
                measured[side] = measure(records, sides.get(side));
            }
            boolean warmup = round < warmups;
            log.info(String.format(
                    Locale.ROOT,
                    "%s %s %d: raw consumer %,.0f records/s (%.2f µs CPU/record), minimal exactly-once %,.0f"
                            + " records/s (%.2f µs CPU/record), ours %,.0f records/s (%.2f µs CPU/record), ratio"
                            + " ours/minimal %.3f",
                    name(),
                    warmup ? "warm-up" : "round",
                    warmup ? round + 1 : round - warmups + 1,
                    measured[0][0],
                    measured[0][1],
                    measured[1][0],
                    measured[1][1],
                    measured[2][0],
                    measured[2][1],
                    measured[2][0] / measured[1][0]));
            if (!warmup) {
                consumerRates.add(measured[0][0]);
                minimalRates.add(measured[1][0]);
                ourRates.add(measured[2][0]);
            }
        }
        return new Sides(consumerRates, minimalRates, ourRates);
    }

    /** records/s and the whole process's µs of CPU per record (broker, registry and clients together). */
    private static double[] measure(long records, Round round) throws Exception {
        long cpuBefore = processCpuNanos();
        long nanos = round.run();
        long cpu = processCpuNanos() - cpuBefore;
        return new double[] {records * 1e9 / nanos, cpu < 0 ? Double.NaN : cpu / 1000.0 / records};
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The raw side: a new consumer, every partition assigned, from the beginning until {@code records} arrived. */
    private static long readAll(String bootstrapServers, String topic, int partitions, long records) {
        try (KafkaConsumer<byte[], byte[]> consumer = ScoringRig.byteConsumer(bootstrapServers, false)) {
            List<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(all);
            long start = System.nanoTime();
            consumer.seekToBeginning(all);
            long seen = 0;
            long lastProgress = System.nanoTime();
            while (seen < records) {
                int polled = consumer.poll(Duration.ofMillis(200)).count();
                if (polled > 0) {
                    seen += polled;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > NO_PROGRESS_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no record for " + NO_PROGRESS_TIMEOUT + " after " + seen);
                }
            }
            long elapsed = System.nanoTime() - start;
            if (seen != records) {
                throw new IllegalStateException("expected " + records + " records, read " + seen);
            }
            return elapsed;
        }
    }

    /**
     * The ceiling: a new application of the minimal exactly-once topology over the whole input, with scoring's streams
     * settings, timed as ours is.
     */
    private long minimal(
            BenchmarkContext context, Admin admin, String input, String output, int partitions, String run, int round)
            throws Exception {
        return ScoringRig.runOnce(
                        admin,
                        context.bootstrapServers(),
                        MinimalEosTopology.build(input, output),
                        "bench-minimal-eos-" + run + "-" + round,
                        input,
                        partitions,
                        ROUND_TIMEOUT,
                        (id, stateDir) -> {})
                .elapsedNanos();
    }

    /**
     * Our side: a new streams application over the whole input, timed from start() until all is committed. The last
     * round reads, untimed, what its changelogs hold into {@code state}.
     */
    private long score(
            BenchmarkContext context,
            Admin admin,
            ScoringRig.Topics topics,
            int partitions,
            String run,
            int round,
            List<ChangelogSizes> state)
            throws Exception {
        ScoringRig.Scored scored = ScoringRig.runScoring(
                admin,
                context.bootstrapServers(),
                context.registryUrl(),
                topics,
                partitions,
                "bench-scoring-" + run + "-" + round,
                ROUND_TIMEOUT,
                (id, stateDir) -> {
                    if (round == warmups + rounds) {
                        state.clear();
                        state.addAll(ChangelogSizes.read(admin, context.bootstrapServers(), id));
                    }
                });
        if (scored.deadLetters() > 0) {
            log.info("{}: {} records went to the dead-letter topic", name(), scored.deadLetters());
        }
        return scored.timed().elapsedNanos();
    }
}
