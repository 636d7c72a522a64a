package org.zhengce.intake.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.kit.tracing.TraceParent;
import reactor.core.publisher.Mono;

/**
 * Writes accepted events to {@code household.events}: the value in the Confluent Avro wire format, CloudEvents
 * attributes as headers as the {@code io.cloudevents} Kafka binding writes them (binary mode), keyed by the household
 * number (or, for a person event, the person's pseudonym), on the partition that key maps to, which is computed
 * here so the ledger can record it (the relay looks there after a crash).
 */
final class HouseholdEventWriter {

    /** The CloudEvents content type of the value: Avro binary in the Confluent wire format. */
    static final String CONTENT_TYPE = "application/avro";

    private static final byte[] SPEC_VERSION = utf8("1.0");
    private static final byte[] AVRO = utf8(CONTENT_TYPE);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Serializer<HouseholdEvent> serializer;
    private final String topic;
    private final Duration timeout;
    private final Map<String, byte[]> sources = new ConcurrentHashMap<>();
    private final Map<String, byte[]> types = new ConcurrentHashMap<>();
    private volatile int partitions;

    HouseholdEventWriter(
            KafkaTemplate<String, byte[]> kafka,
            Serializer<HouseholdEvent> serializer,
            String topic,
            Duration timeout) {
        this.kafka = kafka;
        this.serializer = serializer;
        this.topic = topic;
        this.timeout = timeout;
    }

    String topic() {
        return topic;
    }

    /** The key everything about one household is ordered by: its number, or the person's pseudonym. */
    static String keyOf(HouseholdEvent event) {
        Object subject = event.getSubject();
        if (subject instanceof HouseholdNumber household) {
            return household.getValue();
        }
        return ((PersonPseudonym) subject).getValue();
    }

    /**
     * The record for {@code event}, with {@code acceptedAt} as its timestamp, and the CloudEvents headers as the
     * {@code io.cloudevents} Kafka binding writes them in binary mode (same names, order and text), the constant ones
     * encoded once and a department's source and a type's name once each.
     */
    ProducerRecord<String, byte[]> record(HouseholdEvent event, String eventType, Instant acceptedAt) {
        return record(event, eventType, acceptedAt, null);
    }

    /**
     * The record as {@link #record(HouseholdEvent, String, Instant)}, with the W3C trace context the event arrived in
     * as its {@code traceparent} header (ADR 0023): the ledger keeps it with the other headers, so the record carries
     * it whether it is sent at once or by the relay later.
     */
    ProducerRecord<String, byte[]> record(
            HouseholdEvent event, String eventType, Instant acceptedAt, @Nullable String traceparent) {
        String key = keyOf(event);
        byte[] value = serializer.serialize(topic, event);
        Header[] headers = {
            new RecordHeader("ce_specversion", SPEC_VERSION),
            new RecordHeader("ce_id", utf8(event.getPlatformEventId())),
            new RecordHeader(
                    "ce_source",
                    sources.computeIfAbsent(
                            event.getDepartment().name(), department -> utf8("/departments/" + department))),
            new RecordHeader("ce_type", types.computeIfAbsent(eventType, type -> utf8("org.zhengce.events." + type))),
            new RecordHeader("content-type", AVRO),
            new RecordHeader("ce_subject", utf8(key)),
            new RecordHeader(
                    "ce_time",
                    utf8(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            event.getOccurredAt().atOffset(ZoneOffset.UTC))))
        };
        RecordHeaders recordHeaders = new RecordHeaders(headers);
        TraceParent.put(recordHeaders, traceparent);
        return new ProducerRecord<>(topic, partitionOf(key), acceptedAt.toEpochMilli(), key, value, recordHeaders);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Serialises {@code event} without sending it (registers its schema on first use). */
    void serializeOnly(HouseholdEvent event) {
        serializer.serialize(topic, event);
    }

    /**
     * Completes when the broker has acknowledged every record ({@code acks=all}), or fails with the first failure.
     * One callback for the whole batch, counting down: no future or publisher per record.
     */
    Mono<Void> send(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Mono.empty();
        }
        return Mono.<Void>create(sink -> {
                    AtomicInteger unacknowledged = new AtomicInteger(records.size());
                    AtomicBoolean failed = new AtomicBoolean();
                    Callback acknowledged = (metadata, failure) -> {
                        if (failure != null) {
                            if (failed.compareAndSet(false, true)) {
                                sink.error(failure);
                            }
                        } else if (unacknowledged.decrementAndGet() == 0 && !failed.get()) {
                            sink.success();
                        }
                    };
                    try {
                        kafka.execute(producer -> {
                            for (ProducerRecord<String, byte[]> record : records) {
                                producer.send(record, acknowledged);
                            }
                            return null;
                        });
                    } catch (RuntimeException notSent) {
                        if (failed.compareAndSet(false, true)) {
                            sink.error(notSent);
                        }
                    }
                })
                .timeout(timeout);
    }

    /** Completes when the broker has acknowledged {@code record}, or fails with the reason it was not. */
    Mono<Void> sendOne(ProducerRecord<String, byte[]> record) {
        return Mono.fromFuture(() -> kafka.send(record)).then().timeout(timeout);
    }

    /** Kafka's own key partitioning (murmur2), so the record lands where the default partitioner would put it. */
    int partitionOf(String key) {
        int count = partitions;
        if (count == 0) {
            count = kafka.partitionsFor(topic).size();
            partitions = count;
        }
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), count);
    }
}
