package org.zhengce.benchmarks.scoring;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.Comparison;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.Spread;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.scoring.streams.ScoringTopology;

/**
 * Scoring's topology with exactly-once against a raw consumer reading the same input: records/s from the streams'
 * start until the input is consumed and everything that came of it is committed.
 */
public final class ScoringThroughputBenchmark implements Benchmark {

    static final double GOAL = 0.30;

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
                + " subject as intake keys them). Raw: a new KafkaConsumer<byte[], byte[]> per round, every"
                + " partition assigned (no group), default fetch settings, timed from the seek to the beginning"
                + " until the last record is polled. Ours: a new KafkaStreams of ScoringTopology.build per round"
                + " (fresh application id and state directory, empty stores, " + ScoringRig.STREAMS_SETTINGS
                + "; output topics created once, its changelog and repartition topics created before each round"
                + " as a deployed service finds them), timed from start() (so group join, task creation and the"
                + " producer's transactional init are inside the timing) until the application's"
                + " committed offsets equal the input's end offsets on every partition and the records it re-keys"
                + " through its two repartition topics are committed too (Admin.listConsumerGroupOffsets, polled"
                + " every 100 ms): every input record consumed, every score, warning and changelog write committed."
                + " " + warmups + " warm-up and " + rounds + " measured round(s) per side, order flipping every"
                + " round; closing the application and deleting its internal topics is outside the timing.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
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
        long records = events.size();
        try (Admin admin = ScoringRig.admin(context.bootstrapServers())) {
            ScoringRig.createTopics(admin, topics);
            int partitions = ScoringRig.partitions(admin, topics.events());
            ScoringRig.produce(context.bootstrapServers(), context.registryUrl(), topics.events(), events, keys);
            log.info("{}: {} events on {} ({} partitions)", name(), records, topics.events(), partitions);
            int[] round = {0};
            Comparison comparison = alternate(
                    records,
                    () -> readAll(context.bootstrapServers(), topics.events(), partitions, records),
                    () -> score(context, admin, topics, partitions, run, ++round[0]));
            return ResultRow.throughput(
                    String.format(
                            Locale.ROOT,
                            "%s, exactly-once, input consumed to outputs committed, records/s (%,d records per round)",
                            name(),
                            records),
                    comparison,
                    GOAL);
        }
    }

    /** One timed pass of a side; returns the nanoseconds it measured. */
    @FunctionalInterface
    interface Round {
        long run() throws Exception;
    }

    /**
     * Raw and ours in alternating rounds (raw, ours, ours, raw, ...) as the harness's AlternatingRounds does, with
     * this case's own round counts: a round of ours lasts tens of seconds.
     */
    private Comparison alternate(long records, Round raw, Round ours) throws Exception {
        List<Double> rawRates = new ArrayList<>();
        List<Double> ourRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < warmups + rounds; round++) {
            boolean rawFirst = round % 2 == 0;
            double[] first = measure(records, rawFirst ? raw : ours);
            double[] second = measure(records, rawFirst ? ours : raw);
            double[] rawSide = rawFirst ? first : second;
            double[] ourSide = rawFirst ? second : first;
            boolean warmup = round < warmups;
            log.info(String.format(
                    Locale.ROOT,
                    "%s %s %d: raw %,.0f records/s (%.2f µs CPU/record), ours %,.0f records/s (%.2f µs"
                            + " CPU/record), ratio %.3f",
                    name(),
                    warmup ? "warm-up" : "round",
                    warmup ? round + 1 : round - warmups + 1,
                    rawSide[0],
                    rawSide[1],
                    ourSide[0],
                    ourSide[1],
                    ourSide[0] / rawSide[0]));
            if (!warmup) {
                rawRates.add(rawSide[0]);
                ourRates.add(ourSide[0]);
                ratios.add(ourSide[0] / rawSide[0]);
            }
        }
        return new Comparison(Spread.of(rawRates), Spread.of(ourRates), Spread.of(ratios));
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
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
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

    /** Our side: a new streams application over the whole input, timed from start() until all is committed. */
    private long score(
            BenchmarkContext context, Admin admin, ScoringRig.Topics topics, int partitions, String run, int round)
            throws Exception {
        String applicationId = "bench-scoring-" + run + "-" + round;
        Path stateDir = Files.createTempDirectory("bench-scoring-state-");
        AtomicLong deadLetters = new AtomicLong();
        ScoringTopology.Config config = ScoringRig.config(context.registryUrl(), topics, partitions, deadLetters);
        Topology topology = ScoringTopology.build(config);
        ScoringRig.createInternalTopics(admin, topology, applicationId, partitions);
        KafkaStreams streams = new KafkaStreams(
                topology, ScoringRig.streamsProperties(context.bootstrapServers(), applicationId, stateDir));
        try {
            long start = System.nanoTime();
            streams.start();
            ScoringRig.CaughtUp caughtUp =
                    ScoringRig.awaitCaughtUp(admin, streams, applicationId, topics.events(), partitions, ROUND_TIMEOUT);
            long elapsed = caughtUp.doneNanos() - start;
            log.info(String.format(
                    Locale.ROOT,
                    "%s: %s took %.1f s, first commit after %.1f s (start-up), %,d dead letters",
                    name(),
                    applicationId,
                    elapsed / 1e9,
                    (caughtUp.firstCommitNanos() - start) / 1e9,
                    deadLetters.get()));
            return elapsed;
        } finally {
            ScoringRig.dispose(admin, streams, applicationId, stateDir);
        }
    }
}
