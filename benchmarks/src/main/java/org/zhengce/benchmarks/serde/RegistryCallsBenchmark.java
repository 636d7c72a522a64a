package org.zhengce.benchmarks.serde;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * The HTTP requests our serializer and deserializer send to the schema registry: for a cold client
 * one per distinct schema, then none however many records follow.
 */
public final class RegistryCallsBenchmark implements Benchmark {

    private static final Logger log = LoggerFactory.getLogger(RegistryCallsBenchmark.class);
    private static final String TOPIC = "bench.serde.registry";
    private static final double MILLION = 1_000_000.0;

    @Override
    public String name() {
        return "Registry HTTP calls";
    }

    @Override
    public String method() {
        return "Registry HTTP calls: counted by each side's own HttpSchemaRegistryClient (httpRequestCount"
                + " before and after), a producer's serializer and a consumer's deserializer each on a fresh"
                + " client. Cold is the first pass over all events (produce all, then consume all), an absolute"
                + " count per client; steady is a second pass on the same clients, scaled to one million records.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        context.createTopic(TOPIC);
        int records = context.events().size();
        long distinctSchemas = context.events().stream()
                .map(HouseholdEvent::getSchema)
                .distinct()
                .count();
        HttpSchemaRegistryClient producerRegistry = newClient(context);
        HttpSchemaRegistryClient consumerRegistry = newClient(context);
        ConfluentAvroDeserializer<HouseholdEvent> deserializer = new ConfluentAvroDeserializer<>(
                consumerRegistry, Map.of(SerdeConfig.SPECIFIC_AVRO_READER, true), false);
        try (KafkaProducer<byte[], HouseholdEvent> producer = KafkaRounds.producer(
                        context.bootstrapServers(), new ConfluentAvroSerializer<>(producerRegistry));
                KafkaConsumer<byte[], HouseholdEvent> consumer =
                        KafkaRounds.consumer(context.bootstrapServers(), deserializer)) {
            KafkaRounds.assignAll(consumer, TOPIC, context.settings().partitions());

            KafkaRounds.produce(producer, TOPIC, context.keys(), context.events(), 1);
            KafkaRounds.consumeFromBeginning(consumer, records);
            long coldProducer = producerRegistry.httpRequestCount();
            long coldConsumer = consumerRegistry.httpRequestCount();

            KafkaRounds.produce(producer, TOPIC, context.keys(), context.events(), 1);
            KafkaRounds.consumeNext(consumer, records);
            double steadyProducer = (producerRegistry.httpRequestCount() - coldProducer) * MILLION / records;
            double steadyConsumer = (consumerRegistry.httpRequestCount() - coldConsumer) * MILLION / records;
            log.info(
                    "{}: cold producer {} consumer {}, steady per 1M producer {} consumer {}, {} distinct schema(s)",
                    name(),
                    coldProducer,
                    coldConsumer,
                    steadyProducer,
                    steadyConsumer,
                    distinctSchemas);

            boolean met = coldProducer == distinctSchemas
                    && coldConsumer == distinctSchemas
                    && steadyProducer == 0
                    && steadyConsumer == 0;
            return new ResultRow(
                    name() + " (producer / consumer)",
                    "none",
                    String.format(
                            Locale.ROOT,
                            "cold %d / %d; steady %.0f / %.0f per 1M records",
                            coldProducer,
                            coldConsumer,
                            steadyProducer,
                            steadyConsumer),
                    "n/a",
                    String.format(
                            Locale.ROOT,
                            "cold = %d distinct schema%s; steady 0",
                            distinctSchemas,
                            distinctSchemas == 1 ? "" : "s"),
                    met);
        }
    }

    private static HttpSchemaRegistryClient newClient(BenchmarkContext context) {
        return new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(context.registryUrl()), null);
    }
}
