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
 * The cost of embedding, consuming: a raw byte-array consumer of the run's Avro records from the in-process broker
 * and from the same broker in a JVM of its own. The method is stated once, by {@link EmbeddingProducerBenchmark}.
 */
public final class EmbeddingConsumerBenchmark implements Benchmark {

    static final double GOAL = 0.80;
    private static final String TOPIC = "bench.embedding.consume";
    /** The topic holds the events this many times over, as the serde consumer case's does. */
    private static final int PASSES = 5;

    @Override
    public String name() {
        return "Embedding consumer";
    }

    @Override
    public String method() {
        return "Embedding consumer: as the embedding producer's method says.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        List<byte[]> values = BrokerClients.serialised(context, TOPIC);
        long records = (long) values.size() * PASSES;
        int partitions = context.settings().partitions();
        try (OwnJvmBroker child = OwnJvmBroker.start()) {
            context.createTopic(TOPIC);
            BrokerClients.on(context, child.bootstrapServers()).createTopic(TOPIC);
            for (String bootstrapServers : List.of(context.bootstrapServers(), child.bootstrapServers())) {
                try (KafkaProducer<byte[], byte[]> producer = BrokerClients.producer(bootstrapServers)) {
                    BrokerClients.produce(producer, TOPIC, context.keys(), values, PASSES);
                }
            }
            Comparison comparison = AlternatingRounds.compare(
                    name(),
                    context.settings(),
                    records,
                    BrokerClients.ownJvm(
                            name(),
                            child,
                            records,
                            () -> BrokerClients.consumeAll(child.bootstrapServers(), TOPIC, partitions, records)),
                    () -> BrokerClients.consumeAll(context.bootstrapServers(), TOPIC, partitions, records));
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
