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
 * Departments posting one event per request ({@code POST /events}, {@code application/json}) from several
 * connections at once, against a raw producer sending the same events' Avro records.
 */
public final class IntakeSingleEventBenchmark implements Benchmark {

    static final double GOAL = 0.01;
    /** Requests in flight; {@code -Dbench.intake.single.connections} overrides it. */
    static final int DEFAULT_CONNECTIONS = 32;

    private static final Logger log = LoggerFactory.getLogger(IntakeSingleEventBenchmark.class);

    private final int connections = IntakeRounds.connections("bench.intake.single.connections", DEFAULT_CONNECTIONS);
    /** Per connection count, so that cases of several counts can share a run. */
    private final String rawTopic = "bench.intake.single.raw.c" + connections;

    @Override
    public String name() {
        return "Intake single events";
    }

    @Override
    public String method() {
        return "Intake single events: the same intake; each round posts fresh DepartmentFeed events one per"
                + " request (POST /events, application/json) on " + connections + " HTTP/1.1 connections at once"
                + " (the rate grew with connections up to about 32 on two cores: each request waits for three SQL"
                + " statements and for Kafka's linger.ms and ack); every answer must be 202 accepted. Raw as for"
                + " NDJSON: the first round's events as Avro records, as many times over as reaches "
                + IntakeRounds.RAW_MIN_RECORDS + " records, then flush.";
    }

    /** Events per round: a hundredth of {@code bench.records} (2,000 by default), at least 200. */
    static int eventsPerRound(BenchmarkContext context) {
        return Math.max(200, context.settings().records() / 100);
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        IntakeFixture intake = IntakeFixture.of(context, connections);
        int total = context.settings().warmups() + context.settings().rounds();
        EventJson json = new EventJson();
        List<IntakeRounds.PreparedRound> rounds = new ArrayList<>(total);
        for (int round = 0; round < total; round++) {
            IntakeRounds.PreparedRound prepared = prepare(context, intake, json, round);
            rounds.add(round == 0 ? prepared : prepared.withoutEvents());
        }
        List<DepartmentEvent> events = rounds.get(0).events();
        context.createTopic(rawTopic, IntakeRounds.RAW_PARTITIONS);
        List<byte[]> values = IntakeRounds.serialise(context, rawTopic, events);
        List<byte[]> keys = IntakeRounds.keys(events);
        int passes = IntakeRounds.rawPasses(events.size());
        log.info(
                "{}: {} events per round on {} connections; raw sends them {} times over",
                name(),
                events.size(),
                connections,
                passes);
        HttpClient client = IntakeRounds.httpClient();
        try (KafkaProducer<byte[], byte[]> raw = IntakeRounds.rawProducer(context.bootstrapServers())) {
            Comparison comparison = AlternatingRounds.compare(
                    name(),
                    context.settings(),
                    (long) events.size() * passes,
                    () -> IntakeRounds.produce(raw, rawTopic, keys, values, passes),
                    events.size(),
                    IntakeRounds.ours(client, rounds, connections, IntakeRounds::checkSingle));
            return ResultRow.throughput(
                    String.format(
                            Locale.ROOT,
                            "%s, 1 event per request, %d connections: accepted events/s vs raw records/s"
                                    + " (%,d events per round; raw %,d records)",
                            name(),
                            connections,
                            events.size(),
                            (long) events.size() * passes),
                    comparison,
                    GOAL);
        }
    }

    private IntakeRounds.PreparedRound prepare(
            BenchmarkContext context, IntakeFixture intake, EventJson json, int round) {
        return IntakeRounds.single(
                intake,
                json,
                DepartmentFeed.generate(
                        context.settings().seed(),
                        eventsPerRound(context),
                        context.startedAt(),
                        IntakeRounds.batchLabel("se" + connections, context.startedAt(), round)));
    }
}
