package org.zhengce.benchmarks.serde;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.zhengce.benchmarks.AlternatingRounds;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.Comparison;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * Producing {@link HouseholdEvent}s through {@link ConfluentAvroSerializer} against producing the
 * very same bytes, serialised up front, through {@link ByteArraySerializer}.
 */
public final class SerdeProducerBenchmark implements Benchmark {

    static final double GOAL = 0.85;
    private static final String TOPIC = "bench.serde.produce";
    /** Each round sends the events this many times over, so that a round lasts long enough to time. */
    private static final int PASSES = 2;

    @Override
    public String name() {
        return "Serde producer";
    }

    @Override
    public String method() {
        return "Serde producer: both sides send the same events with the same key bytes to one topic, with"
                + " identical producer settings (" + KafkaRounds.PRODUCER_SETTINGS + "; no compression, so both"
                + " put exactly the same bytes on the wire). Raw sends values serialised once up front by our"
                + " serializer through ByteArraySerializer; ours sends the event objects through"
                + " ConfluentAvroSerializer. A round is: send all events twice over, flush, until the last ack. Each side keeps"
                + " one producer for all its rounds, as a service would.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        context.createTopic(TOPIC);
        List<HouseholdEvent> events = context.events();
        List<byte[]> serialised = preSerialise(context, events);
        double meanBytes =
                serialised.stream().mapToInt(bytes -> bytes.length).average().orElse(0);
        HttpSchemaRegistryClient registry =
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(context.registryUrl()), null);
        try (KafkaProducer<byte[], byte[]> raw =
                        KafkaRounds.producer(context.bootstrapServers(), new ByteArraySerializer());
                KafkaProducer<byte[], HouseholdEvent> ours =
                        KafkaRounds.producer(context.bootstrapServers(), new ConfluentAvroSerializer<>(registry))) {
            Comparison comparison = AlternatingRounds.compare(
                    name(),
                    context.settings(),
                    (long) events.size() * PASSES,
                    () -> KafkaRounds.produce(raw, TOPIC, context.keys(), serialised, PASSES),
                    () -> KafkaRounds.produce(ours, TOPIC, context.keys(), events, PASSES));
            return ResultRow.throughput(
                    String.format(
                            Locale.ROOT,
                            "%s, records/s (%,d records per round, values of %.0f B on average)",
                            name(),
                            events.size() * PASSES,
                            meanBytes),
                    comparison,
                    GOAL);
        }
    }

    /** The values as our serializer writes them, on a registry client of its own. */
    private static List<byte[]> preSerialise(BenchmarkContext context, List<HouseholdEvent> events) {
        HttpSchemaRegistryClient registry =
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(context.registryUrl()), null);
        try (ConfluentAvroSerializer<HouseholdEvent> serializer = new ConfluentAvroSerializer<>(registry)) {
            return events.stream()
                    .map(event -> serializer.serialize(TOPIC, event))
                    .toList();
        }
    }
}
