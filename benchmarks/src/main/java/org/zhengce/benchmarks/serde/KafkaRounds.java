package org.zhengce.benchmarks.serde;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The clients both sides share, with identical settings, and one timed pass of producing or
 * consuming. Keys are always pre-serialised bytes, so only the value side differs between raw and
 * ours.
 */
final class KafkaRounds {

    /** Producer settings of both sides, also stated in the report. */
    static final String PRODUCER_SETTINGS =
            "acks=all, enable.idempotence=true, linger.ms=5, batch.size=65536, compression.type=none";

    private static final Duration NO_PROGRESS_TIMEOUT = Duration.ofSeconds(60);

    private KafkaRounds() {}

    static <V> KafkaProducer<byte[], V> producer(String bootstrapServers, Serializer<V> valueSerializer) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return new KafkaProducer<>(config, new ByteArraySerializer(), valueSerializer);
    }

    /** A consumer without a group: partitions are assigned by hand and read from the beginning. */
    static <V> KafkaConsumer<byte[], V> consumer(String bootstrapServers, Deserializer<V> valueDeserializer) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), valueDeserializer);
    }

    /**
     * Sends every (key, value) pair {@code passes} times over, flushes, and returns the nanoseconds
     * until the last ack.
     */
    static <V> long produce(
            KafkaProducer<byte[], V> producer, String topic, List<byte[]> keys, List<V> values, int passes) {
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

    /** Assigns every partition of {@code topic} to {@code consumer}, once, before its first round. */
    static void assignAll(KafkaConsumer<byte[], ?> consumer, String topic, int partitions) {
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(topic, partition))
                .toList();
        consumer.assign(all);
    }

    /**
     * Reads from the beginning of every assigned partition until {@code records} records arrived and
     * returns the nanoseconds it took, the first poll's offset look-up included.
     */
    static long consumeFromBeginning(KafkaConsumer<byte[], ?> consumer, long records) {
        long start = System.nanoTime();
        consumer.seekToBeginning(consumer.assignment());
        long seen = consumeNext(consumer, records);
        long elapsed = System.nanoTime() - start;
        if (seen != records) {
            throw new IllegalStateException("expected " + records + " records, read " + seen);
        }
        return elapsed;
    }

    /** Polls until {@code records} more records arrived; fails when nothing arrives for a minute. */
    static long consumeNext(KafkaConsumer<byte[], ?> consumer, long records) {
        long seen = 0;
        long lastProgress = System.nanoTime();
        while (seen < records) {
            int polled = consumer.poll(Duration.ofMillis(200)).count();
            if (polled > 0) {
                seen += polled;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > NO_PROGRESS_TIMEOUT.toNanos()) {
                throw new IllegalStateException("no record for " + NO_PROGRESS_TIMEOUT + " after " + seen + " of "
                        + records + " records on " + consumer.assignment());
            }
        }
        return seen;
    }
}
