package org.zhengce.benchmarks.intake;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.AlternatingRounds;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.Comparison;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.data.DepartmentFeed;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.reading.EventJson;

/**
 * Departments posting NDJSON streams of 100 events to intake, from several connections at once, against a raw
 * producer sending the same events' Avro records to a topic of household.events' partition count.
 */
public final class IntakeNdjsonBenchmark implements Benchmark {

    static final double GOAL = 0.15;
    /** Requests in flight; {@code -Dbench.intake.ndjson.connections} overrides it. */
    static final int DEFAULT_CONNECTIONS = 8;

    private static final Logger log = LoggerFactory.getLogger(IntakeNdjsonBenchmark.class);

    private final int connections = IntakeRounds.connections("bench.intake.ndjson.connections", DEFAULT_CONNECTIONS);
    /** Per connection count, so that cases of several counts can share a run. */
    private final String rawTopic = "bench.intake.ndjson.raw.c" + connections;

    private String warmUp = "";

    @Override
    public String name() {
        return "Intake NDJSON";
    }

    @Override
    public String method() {
        return "Intake NDJSON: intake runs in the benchmark JVM with its own intake-service.yml, on an embedded"
                + " PostgreSQL (a separate process: the JVM's CPU per record in the log leaves it out), every"
                + " department with an API key and a rate limit of " + IntakeFixture.RATE_LIMIT + " events/s,"
                + " intake.topics.consume=false and intake.reporting.batch-wait=" + IntakeFixture.BATCH_WAIT
                + " (with the default 20 ms, EventController's bufferTimeout fails streams with 500 \"Could not"
                + " emit buffer due to lack of requests\" under load). Its first event is sent alone (the"
                + " serializer's first registry call blocks a Netty event loop that the in-JVM registry shares)."
                + " Each round posts fresh DepartmentFeed events (ids labelled with the run and the round) as"
                + " NDJSON bodies of " + IntakeRounds.EVENTS_PER_REQUEST + " events of one department"
                + " (EventJson.writeBytes lines) on " + connections + " HTTP/1.1 connections at once (java.net.http,"
                + " each sending its next request when the previous one is answered; 2 to 8 connections gave the"
                + " same rate on two cores, 16 less), from the first request to the last answer, counting"
                + " accepted result lines only (anything else fails the case). Raw sends the first round's events,"
                + " serialised up front by ConfluentAvroSerializer as DepartmentEvent, through a byte-array"
                + " KafkaProducer with intake's settings (" + IntakeRounds.PRODUCER_SETTINGS + ") to a topic of "
                + IntakeRounds.RAW_PARTITIONS + " partitions (as household.events), as many times over as reaches "
                + IntakeRounds.RAW_MIN_RECORDS + " records, then flush, to the last ack. " + warmUp;
    }

    /** Events generated per round: a fifth of {@code bench.records} (40,000 by default), at least 1,000. */
    static int eventsPerRound(BenchmarkContext context) {
        return Math.max(1_000, context.settings().records() / 5);
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        IntakeFixture intake = IntakeFixture.of(context, connections);
        warmUp = intake.warmUpSummary();
        int total = context.settings().warmups() + context.settings().rounds();
        EventJson json = new EventJson();
        List<IntakeRounds.PreparedRound> rounds = new ArrayList<>(total);
        for (int round = 0; round < total; round++) {
            IntakeRounds.PreparedRound prepared = prepare(context, intake, json, round);
            rounds.add(round == 0 ? prepared : prepared.withoutEvents());
        }
        List<DepartmentEvent> events = rounds.get(0).events();
        int requests = rounds.get(0).posts().size();
        for (IntakeRounds.PreparedRound round : rounds) {
            if (round.eventCount() != events.size()) {
                throw new IllegalStateException(
                        "rounds differ in size: " + round.eventCount() + " and " + events.size() + " events");
            }
        }
        context.createTopic(rawTopic, IntakeRounds.RAW_PARTITIONS);
        List<byte[]> values = IntakeRounds.serialise(context, rawTopic, events);
        List<byte[]> keys = IntakeRounds.keys(events);
        int passes = IntakeRounds.rawPasses(events.size());
        long jsonBytes = 0;
        for (DepartmentEvent event : events) {
            jsonBytes += json.writeBytes(event).length + 1;
        }
        log.info(
                "{}: {} events per round in {} requests on {} connections, JSON lines of {} B and Avro values of"
                        + " {} B on average; raw sends them {} times over",
                name(),
                events.size(),
                requests,
                connections,
                jsonBytes / events.size(),
                Math.round(IntakeRounds.meanBytes(values)),
                passes);
        HttpClient client = IntakeRounds.httpClient();
        try (KafkaProducer<byte[], byte[]> raw = IntakeRounds.rawProducer(context.bootstrapServers())) {
            Comparison comparison = AlternatingRounds.compare(
                    name(),
                    context.settings(),
                    (long) events.size() * passes,
                    () -> IntakeRounds.produce(raw, rawTopic, keys, values, passes),
                    events.size(),
                    IntakeRounds.ours(client, rounds, connections, IntakeRounds::checkNdjson));
            return ResultRow.throughput(
                    String.format(
                            Locale.ROOT,
                            "%s, %d events per request, %d connections: accepted events/s vs raw records/s"
                                    + " (%,d events per round; raw %,d records)",
                            name(),
                            IntakeRounds.EVENTS_PER_REQUEST,
                            connections,
                            events.size(),
                            (long) events.size() * passes),
                    comparison,
                    GOAL);
        }
    }

    private IntakeRounds.PreparedRound prepare(
            BenchmarkContext context, IntakeFixture intake, EventJson json, int round) {
        return IntakeRounds.ndjson(
                intake,
                json,
                DepartmentFeed.generate(
                        context.settings().seed(),
                        eventsPerRound(context),
                        context.startedAt(),
                        IntakeRounds.batchLabel("nd" + connections, context.startedAt(), round)));
    }
}
