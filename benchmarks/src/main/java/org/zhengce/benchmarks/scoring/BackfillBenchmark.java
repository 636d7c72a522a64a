package org.zhengce.benchmarks.scoring;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.data.CityFeed;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * Back-filling a city's department history through scoring: a topic holding N records, a new scoring application
 * with exactly-once, timed from its start until every record and what came of it is committed. Guangzhou's 8.3
 * million records in a full run; fewer (and an extrapolation, marked as one) when {@code bench.backfill.records}
 * says so.
 */
public final class BackfillBenchmark implements Benchmark {

    /** Guangzhou's department history: the goal's size. */
    static final long GUANGZHOU_RECORDS = 8_300_000;

    /** Issue 16's goal: the 8.3 million records back-filled in under three minutes. */
    static final Duration GOAL = Duration.ofMinutes(3);

    /** Events per household as a city has them: Guangzhou's 8.3 million records over about 300,000 households. */
    static final int EVENTS_PER_HOUSEHOLD = 28;

    private static final Logger log = LoggerFactory.getLogger(BackfillBenchmark.class);
    private static final long FILL_PROGRESS_EVERY = 1_000_000;

    private final long records;
    private final int eventsPerHousehold;

    /**
     * {@code -Dbench.backfill.records}, Guangzhou's 8,300,000 by default (300,000 in a quick run), and {@code
     * -Dbench.backfill.events-per-household}, 28 by default.
     */
    public BackfillBenchmark() {
        this(
                Long.getLong("bench.backfill.records", GUANGZHOU_RECORDS),
                Integer.getInteger("bench.backfill.events-per-household", EVENTS_PER_HOUSEHOLD));
    }

    public BackfillBenchmark(long records, int eventsPerHousehold) {
        if (records < 1_000) {
            throw new IllegalArgumentException("bench.backfill.records must be at least 1000, was " + records);
        }
        BackfillHistory.households(records, eventsPerHousehold);
        this.records = records;
        this.eventsPerHousehold = eventsPerHousehold;
    }

    @Override
    public String name() {
        return "Back-fill";
    }

    @Override
    public String method() {
        return "Back-fill: one topic shaped like household.events (12 partitions, the catalogue's configs) is filled,"
                + " untimed, with " + String.format(Locale.ROOT, "%,d", records) + " events of department history"
                + " (the demo city's history, lazily: "
                + String.format(Locale.ROOT, "%,d", BackfillHistory.households(records, eventsPerHousehold))
                + " households, " + eventsPerHousehold + " events per household on average as a city's files have"
                + " them, each household registered, then the departments' standing records, then incidents over the"
                + " year; Avro through ConfluentAvroSerializer, keyed as intake keys them, the serde cases' producer"
                + " settings). Then one new scoring application"
                + " (ScoringTopology.build, as the scoring throughput case builds it: fresh application id, state"
                + " directory and internal topics, " + ScoringRig.STREAMS_SETTINGS + ") is timed from start()"
                + " until its committed offsets equal the input's end offsets on every partition and what it re-keys"
                + " through its repartition topics is committed too. One measurement, no warm-up: a back-fill"
                + " is run once. Below Guangzhou's 8,300,000 records the time for 8,300,000 is an extrapolation"
                + " (8,300,000 / the measured records/s), never a measurement; it assumes the rate holds as the"
                + " state stores grow. Disk, measured at the end before anything is deleted: the broker's log"
                + " directories (Admin.describeLogDirs: the back-fill's topics, its input, internal topics and"
                + " outputs, and the whole broker) and the application's state directory.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        return rows(context).get(0);
    }

    /** The time (the goal's row), then the disk it took. */
    @Override
    public List<ResultRow> rows(BenchmarkContext context) throws Exception {
        String run = Long.toString(context.startedAt().getEpochSecond());
        ScoringRig.Topics topics = ScoringRig.Topics.under("bench.backfill." + run + ".");
        try (Admin admin = ScoringRig.admin(context.bootstrapServers())) {
            ScoringRig.createTopics(admin, topics);
            int partitions = ScoringRig.partitions(admin, topics.events());
            fill(
                    context,
                    topics.events(),
                    BackfillHistory.city(context.settings().seed(), records, eventsPerHousehold));
            Backfilled backfilled = backfill(context, admin, topics, partitions, run);
            return List.of(row(backfilled.elapsed()), backfilled.disk().row(name(), records));
        }
    }

    /** How long the back-fill took and the disk it had taken when it ended. */
    private record Backfilled(Duration elapsed, Disk disk) {}

    /** Sends the history as fast as the producer goes; not timed. */
    private void fill(BenchmarkContext context, String topic, Iterator<HouseholdEvent> history) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<byte[], HouseholdEvent> producer = new KafkaProducer<>(
                config,
                new ByteArraySerializer(),
                new ConfluentAvroSerializer<>(ScoringRig.registry(context.registryUrl())))) {
            while (history.hasNext() && failure.get() == null) {
                HouseholdEvent event = history.next();
                producer.send(new ProducerRecord<>(topic, CityFeed.key(event), event), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
                if (++sent % FILL_PROGRESS_EVERY == 0) {
                    log.info("{}: {} of {} records sent to {}", name(), sent, records, topic);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a send to " + topic + " failed", failure.get());
        }
        log.info(String.format(
                Locale.ROOT,
                "%s: %,d records on %s in %.1f s (not timed)",
                name(),
                sent,
                topic,
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * A new scoring application over the whole topic, timed from start() until all is committed; then, untimed, the
     * disk it took.
     */
    private Backfilled backfill(
            BenchmarkContext context, Admin admin, ScoringRig.Topics topics, int partitions, String run)
            throws Exception {
        // generous: a tenth of the full run's goal rate, and ten minutes besides
        Duration timeout = Duration.ofSeconds(600 + records / 1_400);
        Disk[] disk = new Disk[1];
        ScoringRig.Scored scored = ScoringRig.runScoring(
                admin,
                context.bootstrapServers(),
                context.registryUrl(),
                topics,
                partitions,
                "bench-backfill-" + run,
                timeout,
                (id, stateDir) -> disk[0] = Disk.measure(admin, List.of(topics.prefix(), id), stateDir));
        Duration elapsed = Duration.ofNanos(scored.timed().elapsedNanos());
        log.info(String.format(
                Locale.ROOT,
                "%s: %,d records (%,.0f records/s), %,d dead letters",
                name(),
                records,
                records * 1e9 / elapsed.toNanos(),
                scored.deadLetters()));
        if (scored.deadLetters() > 0) {
            throw new IllegalStateException(
                    scored.deadLetters() + " back-filled records went to the dead-letter topic: the history is wrong");
        }
        return new Backfilled(elapsed, disk[0]);
    }

    private ResultRow row(Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        double rate = records / seconds;
        boolean full = records >= GUANGZHOU_RECORDS;
        String measured = String.format(
                Locale.ROOT, "measured: %s for %,d records (%,.0f records/s)", duration(seconds), records, rate);
        String ours = full
                ? measured
                : measured
                        + String.format(
                                Locale.ROOT,
                                "; extrapolated, not measured: %s for %,d",
                                duration(GUANGZHOU_RECORDS / rate),
                                GUANGZHOU_RECORDS);
        return new ResultRow(
                String.format(
                        Locale.ROOT,
                        "%s of %,d records through scoring, exactly-once, from a filled topic until every record is"
                                + " committed",
                        name(),
                        records),
                "—",
                ours,
                "—",
                String.format(Locale.ROOT, "< %d min for %,d", GOAL.toMinutes(), GUANGZHOU_RECORDS)
                        + (full ? "" : " (judged on a full-size run only)"),
                full && elapsed.compareTo(GOAL) < 0);
    }

    private static String duration(double seconds) {
        return seconds < 120
                ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%.0f s (%.1f min)", seconds, seconds / 60);
    }
}
