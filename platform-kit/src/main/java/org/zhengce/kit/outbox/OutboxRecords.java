package org.zhengce.kit.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.GeneratedClassTrust;

/**
 * How an outbox row becomes a record of its topic: the topic and key the routing picks, the partition Kafka's
 * default partitioner would pick (murmur2, fixed by the catalogue's count), the event in the registry's wire format,
 * the row's creation time as timestamp, header {@value #EVENT_ID}.
 */
public final class OutboxRecords {

    /** The header carrying the event's id, which the relay looks for after a crash. */
    public static final String EVENT_ID = "event_id";

    /** Where a row goes. */
    public record Destination(String topic, String key) {}

    /** One topic the outbox publishes to: its partitions, the registry serializer, the decoder of its value class. */
    public record TopicCodec(
            int partitions,
            ConfluentAvroSerializer<SpecificRecordBase> serializer,
            BinaryMessageDecoder<? extends SpecificRecordBase> decoder) {

        /** The codec of {@code binding}'s topic, its serializer configured by {@code serdeSettings}. */
        public static TopicCodec of(
                TopicBinding<?, ?> binding,
                Map<String, ?> serdeSettings,
                BinaryMessageDecoder<? extends SpecificRecordBase> decoder) {
            ConfluentAvroSerializer<SpecificRecordBase> serializer = new ConfluentAvroSerializer<>();
            serializer.configure(new HashMap<>(serdeSettings), false);
            GeneratedClassTrust.install();
            return new TopicCodec(binding.partitions(), serializer, decoder);
        }
    }

    private final Map<String, TopicCodec> topics;
    private final Function<OutboxRow, Destination> routing;

    /** Records of {@code topics} (by name), each row sent where {@code routing} says. */
    public OutboxRecords(Map<String, TopicCodec> topics, Function<OutboxRow, Destination> routing) {
        this.topics = Map.copyOf(topics);
        this.routing = routing;
    }

    /** Records of a table whose rows name their topic and key ({@link OutboxTable#routedByColumns()}). */
    public static OutboxRecords routedByColumns(Map<String, TopicCodec> topics) {
        return new OutboxRecords(
                topics, row -> new Destination(Objects.requireNonNull(row.topic()), Objects.requireNonNull(row.key())));
    }

    /** Avro's single-object encoding (schema fingerprint, then the binary), as the outbox keeps it. */
    public static byte[] encode(SpecificRecordBase event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new BinaryMessageEncoder<SpecificRecordBase>(event.getSpecificData(), event.getSchema())
                    .encode(event, bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The partition of {@code row}'s record. */
    TopicPartition partitionOf(OutboxRow row) {
        Destination destination = routing.apply(row);
        return new TopicPartition(destination.topic(), partitionOf(destination));
    }

    /** The record of {@code row}, as the relay sends it (a test sends one as a relay that then crashed did). */
    public ProducerRecord<String, byte[]> record(OutboxRow row) {
        Destination destination = routing.apply(row);
        TopicCodec codec = codec(destination.topic());
        SpecificRecordBase event;
        try {
            event = codec.decoder().decode(row.event());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                destination.topic(),
                partitionOf(destination),
                row.createdAt().toEpochMilli(),
                destination.key(),
                codec.serializer().serialize(destination.topic(), event));
        record.headers().add(new RecordHeader(EVENT_ID, row.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        // the trace of what wrote the row goes on with the record (ADR 0023)
        TraceParent.put(record.headers(), row.traceparent());
        return record;
    }

    private int partitionOf(Destination destination) {
        return Utils.toPositive(Utils.murmur2(destination.key().getBytes(StandardCharsets.UTF_8)))
                % codec(destination.topic()).partitions();
    }

    private TopicCodec codec(String topic) {
        TopicCodec codec = topics.get(topic);
        if (codec == null) {
            throw new IllegalStateException("the outbox has a row for " + topic + ", which it does not publish to");
        }
        return codec;
    }
}
