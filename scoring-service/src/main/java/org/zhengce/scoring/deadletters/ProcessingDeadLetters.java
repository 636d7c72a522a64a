package org.zhengce.scoring.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.zhengce.schemas.identity.IdentityNumbers;
import org.zhengce.scoring.streams.DeadLetterHeaders;

/**
 * The processing dead letters ({@code household.events.processing.dlq}), read committed: listed, and replayed one at
 * a time to the topic each was read from after a fix. A replay publishes the record's key and value bytes as they are
 * (the event in its wire format) to the same partition with the record's time, its headers as read (the dead-letter
 * headers left out) and {@value #REPLAYED_FROM} naming the dead letter. Scoring applies an event once (the portrait
 * keeps its applied platform event ids), so a replay of an event the portrait took before its model failed only
 * scores it, and a second replay changes nothing. Only topics scoring reads household events from are written.
 */
public final class ProcessingDeadLetters implements AutoCloseable {

    /** Header on a replayed record: {@code <dead-letter topic>-<partition>@<offset>}. */
    public static final String REPLAYED_FROM = "zhengce-replayed-from";

    private static final Logger log = LoggerFactory.getLogger(ProcessingDeadLetters.class);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration LISTING = Duration.ofSeconds(30);

    private final String topic;
    private final Set<String> replayable;
    private final Map<String, Object> consumer;
    private final ProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> producer;

    /**
     * @param topic the processing dead-letter topic
     * @param replayable the topics a dead letter may be replayed to (those scoring reads household events from)
     * @param consumer consumer properties (bootstrap servers, security); read committed, no group
     * @param producers producers of bytes (acks=all, idempotent), closed with this
     */
    public ProcessingDeadLetters(
            String topic,
            Set<String> replayable,
            Map<String, Object> consumer,
            ProducerFactory<byte[], byte[]> producers) {
        this.topic = topic;
        this.replayable = Set.copyOf(replayable);
        this.consumer = new HashMap<>(consumer);
        this.consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "scoring-service-dead-letters");
        this.producers = producers;
        this.producer = new KafkaTemplate<>(producers);
    }

    @Override
    public void close() {
        producers.reset();
    }

    /** Where a replayed record went. */
    public record Replayed(DeadLetter deadLetter, String topic, int partition, long offset) {}

    /** Why a dead letter cannot be replayed: it names no source scoring reads from. */
    public static final class NotReplayable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReplayable(String message) {
            super(message);
        }
    }

    /** The dead-letter topic's name. */
    public String topic() {
        return topic;
    }

    /** Up to {@code limit} dead letters, oldest first in each partition, partitions in order. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(LISTING);
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(topic, PATIENCE).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, PATIENCE);
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                reader.assign(List.of(partition));
                reader.seekToBeginning(List.of(partition));
                while (found.size() < limit
                        && reader.position(partition, PATIENCE) < end
                        && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(PATIENCE)) {
                        if (found.size() < limit) {
                            found.add(deadLetter(record));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The dead letter at {@code partition} and {@code offset}, if there is one (committed). */
    public Optional<DeadLetter> find(int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            return read(reader, partition, offset).map(ProcessingDeadLetters::deadLetter);
        }
    }

    /**
     * Publishes the dead letter at {@code partition} and {@code offset} again to the topic it was read from.
     *
     * @return where it went; empty when there is no such dead letter
     * @throws NotReplayable when its headers name no source topic scoring reads household events from
     */
    public Optional<Replayed> replay(int partition, long offset, String by) {
        ConsumerRecord<byte[], byte[]> record;
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            Optional<ConsumerRecord<byte[], byte[]>> found = read(reader, partition, offset);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            record = found.get();
        }
        DeadLetter deadLetter = deadLetter(record);
        String source = deadLetter.sourceTopic();
        Integer sourcePartition = deadLetter.sourcePartition();
        if (source == null || sourcePartition == null || !replayable.contains(source)) {
            throw new NotReplayable("dead letter " + topic + "-" + partition + "@" + offset + " was read from "
                    + (source == null ? "no topic it names" : source) + "; only "
                    + replayable.stream().sorted().toList()
                    + " are replayed to");
        }
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(
                source, sourcePartition, record.timestamp(), record.key(), record.value(), asRead(record.headers()));
        again.headers().add(REPLAYED_FROM, utf8(topic + "-" + partition + "@" + offset));
        RecordMetadata sent = producer.send(again).join().getRecordMetadata();
        log.info(
                "{} replayed dead letter {}-{}@{} ({}) to {}-{}@{}",
                by,
                topic,
                partition,
                offset,
                deadLetter.reason(),
                sent.topic(),
                sent.partition(),
                sent.offset());
        return Optional.of(new Replayed(deadLetter, sent.topic(), sent.partition(), sent.offset()));
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        return new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Optional<ConsumerRecord<byte[], byte[]>> read(
            KafkaConsumer<byte[], byte[]> reader, int partition, long offset) {
        TopicPartition at = new TopicPartition(topic, partition);
        boolean exists = reader.partitionsFor(topic, PATIENCE).stream().anyMatch(info -> info.partition() == partition);
        if (!exists || offset < 0) {
            return Optional.empty();
        }
        long end = reader.endOffsets(List.of(at), PATIENCE).getOrDefault(at, 0L);
        if (offset >= end) {
            return Optional.empty();
        }
        reader.assign(List.of(at));
        reader.seek(at, offset);
        Instant deadline = Instant.now().plus(LISTING);
        while (reader.position(at, PATIENCE) <= offset && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(PATIENCE)) {
                if (record.offset() == offset) {
                    return Optional.of(record);
                }
                if (record.offset() > offset) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The record's headers as it was read: without the dead-letter lanes' own. */
    private static Headers asRead(Headers headers) {
        RecordHeaders kept = new RecordHeaders();
        for (Header header : headers) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                kept.add(header);
            }
        }
        return kept;
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        byte[] partition = value(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        byte[] offset = value(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                Instant.ofEpochMilli(record.timestamp()),
                text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                partition == null || partition.length != Integer.BYTES
                        ? null
                        : ByteBuffer.wrap(partition).getInt(),
                offset == null || offset.length != Long.BYTES
                        ? null
                        : ByteBuffer.wrap(offset).getLong(),
                text(headers, DeadLetterHeaders.REASON),
                text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
                masked(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)),
                text(headers, DeadLetterHeaders.PROCESSOR));
    }

    /** Masked again as it is read: the lane is written masked, but what is shown must be, whoever wrote it. */
    private static @Nullable String masked(@Nullable String message) {
        return message == null ? null : IdentityNumbers.maskAllIn(message);
    }

    private static byte @Nullable [] value(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : header.value();
    }

    private static @Nullable String text(Headers headers, String key) {
        byte[] value = value(headers, key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
