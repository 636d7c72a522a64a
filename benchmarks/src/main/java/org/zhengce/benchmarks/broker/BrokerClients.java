package org.zhengce.benchmarks.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.AlternatingRounds;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.Comparison;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.Spread;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * The raw clients of both embedding cases, with the serde cases' settings (their raw side): byte-array producers
 * and consumers of the run's events serialised once, up front, by our Avro serializer.
 */
final class BrokerClients {

    private static final Logger log = LoggerFactory.getLogger(BrokerClients.class);

    /** The serde cases' producer settings, also stated in the report. */
    static final String PRODUCER_SETTINGS =
            "acks=all, enable.idempotence=true, linger.ms=5, batch.size=65536, compression.type=none";

    private static final Duration NO_PROGRESS_TIMEOUT = Duration.ofSeconds(60);

    private BrokerClients() {}

    /** The same context with {@code bootstrapServers} instead of the in-process broker's. */
    static BenchmarkContext on(BenchmarkContext context, String bootstrapServers) {
        return new BenchmarkContext(
                bootstrapServers,
                context.registryUrl(),
                context.settings(),
                context.events(),
                context.keys(),
                context.fixtures(),
                context.startedAt());
    }

    /** The run's events as our serializer writes them (Confluent wire format), on a registry client of its own. */
    static List<byte[]> serialised(BenchmarkContext context, String topic) {
        HttpSchemaRegistryClient registry =
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(context.registryUrl()), null);
        try (ConfluentAvroSerializer<HouseholdEvent> serializer = new ConfluentAvroSerializer<>(registry)) {
            return context.events().stream()
                    .map(event -> serializer.serialize(topic, event))
                    .toList();
        }
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends every (key, value) pair {@code passes} times over, flushes; the nanoseconds until the last ack. */
    static long produce(
            KafkaProducer<byte[], byte[]> producer, String topic, List<byte[]> keys, List<byte[]> values, int passes) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
            }
        }
        producer.flush();
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a send to " + topic + " failed", failure.get());
        }
        return elapsed;
    }

    /**
     * One round on a new consumer without a group (every partition assigned, default fetch settings): the
     * nanoseconds from the seek to the beginning until {@code records} records were polled. Creating and closing
     * the consumer is not timed.
     */
    static long consumeAll(String bootstrapServers, String topic, int partitions, long records) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartition(topic, partition))
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
                    throw new IllegalStateException("no record for " + NO_PROGRESS_TIMEOUT + " after " + seen + " of "
                            + records + " records on " + topic + " at " + bootstrapServers);
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
     * A row of the embedding cases: the Raw column holds the broker in its own JVM, Ours the in-process one, the
     * ratio is in-process/own-JVM; each cell says which it is.
     */
    static ResultRow row(String name, Comparison comparison, double goal) {
        return new ResultRow(
                name,
                "own JVM " + recordsPerSecond(comparison.raw()),
                "in-process " + recordsPerSecond(comparison.ours()),
                String.format(
                        Locale.ROOT,
                        "in-process/own JVM %.2f (%.2f–%.2f)",
                        comparison.ratio().median(),
                        comparison.ratio().min(),
                        comparison.ratio().max()),
                String.format(Locale.ROOT, "≥ %.2f", goal),
                comparison.ratio().median() >= goal);
    }

    private static String recordsPerSecond(Spread spread) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", spread.median(), spread.min(), spread.max());
    }

    /**
     * {@code round} on the broker in its own JVM, logging that JVM's CPU per record alongside: the harness's own
     * log of CPU per record counts this JVM only, which there holds the clients but not the broker.
     */
    static AlternatingRounds.Round ownJvm(
            String name, OwnJvmBroker broker, long records, AlternatingRounds.Round round) {
        return () -> {
            long cpuBefore = broker.cpuNanos();
            long nanos = round.run();
            long cpu = broker.cpuNanos() - cpuBefore;
            log.info(String.format(
                    Locale.ROOT,
                    "%s: the broker's own JVM (pid %d) used %.2f µs CPU/record in that round",
                    name,
                    broker.pid(),
                    cpuBefore < 0 ? Double.NaN : cpu / 1000.0 / records));
            return nanos;
        };
    }
}
