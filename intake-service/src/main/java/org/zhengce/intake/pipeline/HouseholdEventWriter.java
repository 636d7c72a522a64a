package org.zhengce.intake.pipeline;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes accepted events to {@code household.events}: the value in the Confluent Avro wire format, CloudEvents
 * attributes as headers through the {@code io.cloudevents} Kafka binding (binary mode), keyed by the household
 * number (or, for a person event, the person's pseudonym), on the partition that key maps to, which is computed
 * here so the ledger can record it (the relay looks there after a crash).
 */
final class HouseholdEventWriter {

    /** The CloudEvents content type of the value: Avro binary in the Confluent wire format. */
    static final String CONTENT_TYPE = "application/avro";

    private final KafkaTemplate<String, byte[]> kafka;
    private final Serializer<HouseholdEvent> serializer;
    private final String topic;
    private final Duration timeout;
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

    /** The record for {@code event}, with {@code acceptedAt} as its timestamp. */
    ProducerRecord<String, byte[]> record(HouseholdEvent event, String eventType, Instant acceptedAt) {
        String key = keyOf(event);
        byte[] value = serializer.serialize(topic, event);
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(event.getPlatformEventId())
                .withSource(URI.create("/departments/" + event.getDepartment().name()))
                .withType("org.zhengce.events." + eventType)
                .withSubject(key)
                .withTime(event.getOccurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withData(value)
                .build();
        return KafkaMessageFactory.<String>createWriter(topic, partitionOf(key), acceptedAt.toEpochMilli(), key)
                .writeBinary(cloudEvent);
    }

    /** Serialises {@code event} without sending it (registers its schema on first use). */
    void serializeOnly(HouseholdEvent event) {
        serializer.serialize(topic, event);
    }

    /** Completes when the broker has acknowledged every record ({@code acks=all}), or fails. */
    Mono<Void> send(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(records)
                .flatMap(record -> Mono.fromFuture(() -> kafka.send(record)), Integer.MAX_VALUE)
                .then()
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
