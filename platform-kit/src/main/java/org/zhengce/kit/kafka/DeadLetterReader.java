package org.zhengce.kit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a range of a dead-letter partition with a consumer of its own (no group, nothing committed), read committed:
 * a lane written in transactions (scoring's Kafka Streams) shows only what was committed, an aborted attempt never.
 */
final class DeadLetterReader {

    private static final Duration READ_WITHIN = Duration.ofSeconds(30);

    private final Map<String, Object> properties;

    /** {@code consumerProperties}: the service's (bootstrap servers, security); its group and deserializers are not used. */
    DeadLetterReader(Map<String, Object> consumerProperties) {
        Map<String, Object> reading = new HashMap<>(consumerProperties);
        reading.remove(ConsumerConfig.GROUP_ID_CONFIG);
        reading.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        reading.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        reading.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        reading.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        reading.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // an offset before the partition's first (retention removed it) reads from the first
        reading.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.properties = Map.copyOf(reading);
    }

    /** The partitions of {@code topic}, in order. */
    List<Integer> partitions(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.partitionsFor(topic, READ_WITHIN).stream()
                    .map(PartitionInfo::partition)
                    .sorted()
                    .toList();
        }
    }

    /**
     * Every record of {@code where} from offset {@code from} to {@code to} inclusive (or the partition's end), in
     * order.
     *
     * @throws IllegalArgumentException when the topic has no such partition, or the range spans more than {@code
     *     max} offsets
     * @throws TimeoutException when the range could not be read within 30 seconds
     */
    List<ConsumerRecord<String, byte[]>> readAll(TopicPartition where, long from, long to, int max)
            throws TimeoutException {
        return read(where, from, to, max, true);
    }

    /** The first {@code max} records of {@code where} from offset {@code from}, in order. */
    List<ConsumerRecord<String, byte[]>> readFirst(TopicPartition where, long from, int max) throws TimeoutException {
        return read(where, from, Long.MAX_VALUE, max, false);
    }

    private List<ConsumerRecord<String, byte[]>> read(
            TopicPartition where, long from, long to, int max, boolean refuseMore) throws TimeoutException {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            if (consumer.partitionsFor(where.topic(), READ_WITHIN).stream()
                    .noneMatch(p -> p.partition() == where.partition())) {
                throw new IllegalArgumentException("no partition " + where);
            }
            consumer.assign(List.of(where));
            long end = consumer.endOffsets(List.of(where), READ_WITHIN).get(where);
            long last = Math.min(to, end - 1);
            if (from > last) {
                return records;
            }
            if (refuseMore && last - from + 1 > max) {
                throw new IllegalArgumentException("at most " + max + " records at once");
            }
            consumer.seek(where, from);
            long deadline = System.nanoTime() + READ_WITHIN.toNanos();
            while (records.size() < max && consumer.position(where, READ_WITHIN) <= last) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("could not read " + where + " up to " + last);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= from && record.offset() <= last && records.size() < max) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
