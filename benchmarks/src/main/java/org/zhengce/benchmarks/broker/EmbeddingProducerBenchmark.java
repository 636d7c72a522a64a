package org.zhengce.benchmarks.broker;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.zhengce.benchmarks.AlternatingRounds;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.Comparison;
import org.zhengce.benchmarks.ResultRow;

/**
 * The cost of embedding, producing: a raw byte-array producer of the run's Avro records against the in-process
 * broker and against the same broker in a JVM of its own.
 */
public final class EmbeddingProducerBenchmark implements Benchmark {

    static final double GOAL = 0.80;
    private static final String TOPIC = "bench.embedding.produce";
    /** Each round sends the events this many times over, as the serde producer case does. */
    private static final int PASSES = 2;

    @Override
    public String name() {
        return "Embedding producer";
    }

    @Override
    public String method() {
        return "Embedding producer and consumer (the cost of embedding): the serde cases' raw side, run against two"
                + " brokers: the in-process one (in the benchmark JVM, sharing it with the registry and the"
                + " clients) and the same EmbeddedKafka code with the same settings started in a JVM of its own"
                + " (" + String.join(" ", OwnJvmBroker.shownCommand()) + ": a child of the benchmark JVM, same"
                + " java.home and class path, a free port, -Xms/-Xmx " + OwnJvmBroker.HEAP + " as Kafka's start"
                + " script gives a broker; it prints its bootstrap servers and exits when its stdin closes, and is"
                + " destroyed if it lingers), each case starting and ending its own child. Clients in the"
                + " benchmark JVM in both cases. Producer: a byte-array producer per broker ("
                + BrokerClients.PRODUCER_SETTINGS
                + "), kept for all rounds, sends the events' values serialised up front by ConfluentAvroSerializer"
                + " twice over, flush, to the last ack. Consumer: a topic on each broker filled once with the"
                + " events five times over, read from the beginning of every partition by a new byte-array"
                + " consumer per round (no group, default fetch settings). Alternating rounds as for every case;"
                + " the ratio in-process/own-JVM is taken within each round (Raw column: own JVM, Ours column:"
                + " in-process). The child's broker starts with a cold JIT at the start of each case, and only the"
                + " case's warm-up rounds warm it, while the in-process broker has served every case before"
                + " (in a run of these cases alone, both start cold). The progress log gives the child's CPU per"
                + " record for its rounds.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        List<byte[]> values = BrokerClients.serialised(context, TOPIC);
        long records = (long) values.size() * PASSES;
        try (OwnJvmBroker child = OwnJvmBroker.start()) {
            context.createTopic(TOPIC);
            BrokerClients.on(context, child.bootstrapServers()).createTopic(TOPIC);
            try (KafkaProducer<byte[], byte[]> inProcess = BrokerClients.producer(context.bootstrapServers());
                    KafkaProducer<byte[], byte[]> ownJvm = BrokerClients.producer(child.bootstrapServers())) {
                Comparison comparison = AlternatingRounds.compare(
                        name(),
                        context.settings(),
                        records,
                        BrokerClients.ownJvm(
                                name(),
                                child,
                                records,
                                () -> BrokerClients.produce(ownJvm, TOPIC, context.keys(), values, PASSES)),
                        () -> BrokerClients.produce(inProcess, TOPIC, context.keys(), values, PASSES));
                return BrokerClients.row(
                        String.format(
                                Locale.ROOT,
                                "%s (cost of embedding), raw records/s, broker in its own JVM vs in-process"
                                        + " (%,d records per round)",
                                name(),
                                records),
                        comparison,
                        GOAL);
            }
        }
    }
}
