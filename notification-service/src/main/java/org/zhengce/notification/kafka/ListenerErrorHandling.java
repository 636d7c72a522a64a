package org.zhengce.notification.kafka;

import java.util.HashMap;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * The error handler of the listener (Spring Boot sets the one {@code CommonErrorHandler} bean on its container
 * factory). A {@code case.events} record that cannot be read, or is read but malformed, is not retried: it goes to
 * {@code case.events.dlq} on the same partition, the reason in the {@code kafka_dlt-exception-*} headers (the bytes
 * as received; a malformed one serialised again in the same wire format). Any other failure (the database down) is
 * retried with back-off for as long as it takes, never skipped.
 */
@Configuration(proxyBeanMethods = false)
class ListenerErrorHandling {

    static final String CASE_EVENTS = "case.events";

    @Bean
    DefaultErrorHandler listenerErrorHandler(KafkaTemplate<String, byte[]> kafka, KafkaProperties properties) {
        String deadLetters = TopicCatalogue.load()
                .deadLetterTopicOf(CASE_EVENTS)
                .orElseThrow(
                        () -> new IllegalStateException("the catalogue names no dead-letter topic of " + CASE_EVENTS))
                .name();
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(deadLetters, record.partition()));
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(new HashMap<>(properties.getProperties()), false);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (ConsumerRecord<?, ?> record, Exception e) -> recoverer.accept(asBytes(record, serializer), e),
                backOff);
        handler.addNotRetryableExceptions(DeserializationException.class, MalformedRecordException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    /** A record read into an Avro object goes to the dead-letter topic as bytes again (its value is declared bytes). */
    private static ConsumerRecord<?, ?> asBytes(
            ConsumerRecord<?, ?> record, ConfluentAvroSerializer<SpecificRecord> serializer) {
        if (!(record.value() instanceof SpecificRecord value)) {
            return record;
        }
        byte[] bytes = serializer.serialize(record.topic(), value);
        return new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType() == null ? TimestampType.CREATE_TIME : record.timestampType(),
                -1,
                bytes == null ? -1 : bytes.length,
                record.key(),
                bytes,
                record.headers(),
                Optional.empty());
    }
}
