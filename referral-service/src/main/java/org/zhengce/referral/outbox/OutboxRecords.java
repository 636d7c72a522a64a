package org.zhengce.referral.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.CaseEvent;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.GeneratedClassTrust;

/**
 * How an outbox row becomes a record of its topic ({@code case.events} keyed by case id, {@code decisions.shared}
 * by household): the row's key, the partition Kafka's default partitioner would pick, header {@value #EVENT_ID}.
 */
final class OutboxRecords {

    /** The header carrying the event's id, which the relay looks for after a crash. */
    static final String EVENT_ID = "event_id";

    static final String CASE_EVENTS = "case.events";
    static final String DECISIONS = "decisions.shared";

    /** One topic the outbox publishes to. */
    record TopicCodec(
            int partitions,
            ConfluentAvroSerializer<SpecificRecordBase> serializer,
            BinaryMessageDecoder<? extends SpecificRecordBase> decoder) {}

    private final Map<String, TopicCodec> topics;

    OutboxRecords(Map<String, TopicCodec> topics) {
        this.topics = Map.copyOf(topics);
    }

    /** The decoder of each topic's value class. */
    static BinaryMessageDecoder<? extends SpecificRecordBase> decoderOf(String topic) {
        GeneratedClassTrust.install();
        switch (topic) {
            case CASE_EVENTS:
                return CaseEvent.getDecoder();
            case DECISIONS:
                return AssistanceDecisionShared.getDecoder();
            default:
                throw new IllegalArgumentException("the outbox does not publish to " + topic);
        }
    }

    /** Avro's single-object encoding (schema fingerprint, then the binary), as the outbox keeps it. */
    static byte[] encode(SpecificRecordBase event) {
        try {
            ByteBuffer buffer = event instanceof CaseEvent caseEvent
                    ? caseEvent.toByteBuffer()
                    : ((AssistanceDecisionShared) event).toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TopicCodec codec(String topic) {
        TopicCodec codec = topics.get(topic);
        if (codec == null) {
            throw new IllegalStateException("the outbox has a row for " + topic + ", which it does not publish to");
        }
        return codec;
    }

    /** The partition Kafka's default partitioner picks for {@code key} (murmur2), fixed by the catalogue's count. */
    int partitionOf(String topic, String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                % codec(topic).partitions();
    }

    ProducerRecord<String, byte[]> record(OutboxRow row) {
        TopicCodec codec = codec(row.topic());
        SpecificRecordBase event;
        try {
            event = codec.decoder().decode(row.event());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                row.topic(),
                partitionOf(row.topic(), row.key()),
                row.createdAt().toEpochMilli(),
                row.key(),
                codec.serializer().serialize(row.topic(), event));
        record.headers().add(new RecordHeader(EVENT_ID, row.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
