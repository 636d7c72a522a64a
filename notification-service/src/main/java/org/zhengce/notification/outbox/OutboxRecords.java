package org.zhengce.notification.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;
import org.zhengce.events.AlertEvent;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.GeneratedClassTrust;

/** How an outbox row becomes a {@code alert.events} record: key the case id, header {@value #EVENT_ID}. */
final class OutboxRecords {

    /** The header carrying {@code AlertEvent.eventId}, which the relay looks for after a crash. */
    static final String EVENT_ID = "event_id";

    private final String topic;
    private final int partitions;
    private final ConfluentAvroSerializer<AlertEvent> serializer;

    OutboxRecords(String topic, int partitions, ConfluentAvroSerializer<AlertEvent> serializer) {
        this.topic = topic;
        this.partitions = partitions;
        this.serializer = serializer;
    }

    String topic() {
        return topic;
    }

    /** Avro's single-object encoding (schema fingerprint, then the binary), as the outbox keeps it. */
    static byte[] encode(AlertEvent event) {
        try {
            ByteBuffer buffer = event.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AlertEvent decode(byte[] bytes) {
        GeneratedClassTrust.install();
        try {
            return AlertEvent.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The partition Kafka's default partitioner picks for {@code key} (murmur2), fixed by the catalogue's count. */
    int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    ProducerRecord<String, byte[]> record(OutboxRow row) {
        AlertEvent event = decode(row.event());
        String key = event.getCaseId();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topic, partitionOf(key), row.createdAt().toEpochMilli(), key, serializer.serialize(topic, event));
        record.headers().add(new RecordHeader(EVENT_ID, row.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
