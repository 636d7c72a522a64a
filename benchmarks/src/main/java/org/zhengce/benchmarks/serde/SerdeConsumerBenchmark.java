package org.zhengce.benchmarks.serde;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.zhengce.benchmarks.AlternatingRounds;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.Comparison;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * Reading {@link HouseholdEvent}s through {@link ConfluentAvroDeserializer} as generated classes
 * against reading the same records as byte arrays.
 */
public final class SerdeConsumerBenchmark implements Benchmark {

    static final double GOAL = 0.80;
    private static final String TOPIC = "bench.serde.consume";
    /** The topic holds the events this many times over, so that a round lasts long enough to time. */
    private static final int PASSES = 5;

    @Override
    public String name() {
        return "Serde consumer";
    }

    @Override
    public String method() {
        return "Serde consumer: one topic is filled once with the events, five times over; every round then reads all of them"
                + " from the beginning of every partition (assigned by hand, no consumer group, default fetch"
                + " settings), raw through ByteArrayDeserializer, ours through ConfluentAvroDeserializer with"
                + " specific.avro.reader=true into the generated classes. Each round uses a new consumer (created and closed outside the"
                + " timing) and ours keeps one deserializer, so its caches are warm; the round runs from the"
                + " seek to the beginning until poll has returned the last record.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        context.createTopic(TOPIC);
        long records = (long) context.events().size() * PASSES;
        fill(context);
        HttpSchemaRegistryClient registry =
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(context.registryUrl()), null);
        ConfluentAvroDeserializer<HouseholdEvent> deserializer =
                new ConfluentAvroDeserializer<>(registry, Map.of(SerdeConfig.SPECIFIC_AVRO_READER, true), false);
        Comparison comparison = AlternatingRounds.compare(
                name(),
                context.settings(),
                records,
                () -> readAll(context, new ByteArrayDeserializer()),
                () -> readAll(context, deserializer));
        return ResultRow.throughput(
                String.format(Locale.ROOT, "%s, records/s (%,d records per round)", name(), records), comparison, GOAL);
    }

    /**
     * One round on a new consumer: a consumer kept across rounds would start each round behind its
     * own long poll at the end of the log (up to fetch.max.wait.ms). Creating and closing it is not
     * timed; closing leaves the deserializer and its caches as they are.
     */
    private static long readAll(BenchmarkContext context, Deserializer<?> values) {
        try (KafkaConsumer<byte[], ?> consumer = KafkaRounds.consumer(context.bootstrapServers(), values)) {
            KafkaRounds.assignAll(consumer, TOPIC, context.settings().partitions());
            return KafkaRounds.consumeFromBeginning(
                    consumer, (long) context.events().size() * PASSES);
        }
    }

    private static void fill(BenchmarkContext context) {
        HttpSchemaRegistryClient registry =
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(context.registryUrl()), null);
        try (KafkaProducer<byte[], HouseholdEvent> producer =
                KafkaRounds.producer(context.bootstrapServers(), new ConfluentAvroSerializer<>(registry))) {
            KafkaRounds.produce(producer, TOPIC, context.keys(), context.events(), PASSES);
        }
    }
}
