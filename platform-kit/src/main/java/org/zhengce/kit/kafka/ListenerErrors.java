package org.zhengce.kit.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * The error handler of a service's listeners (Spring Boot sets the one {@code CommonErrorHandler} bean on its
 * container factory), built for the service's own topics. A record that cannot be read ({@link
 * DeserializationException}) or is read but malformed ({@link MalformedRecordException}) is not retried: a record of
 * a topic with a dead-letter lane goes to the catalogue's dead-letter topic on the same partition, the reason in the
 * {@code kafka_dlt-exception-*} headers (the bytes as received; a record already read into an Avro object is
 * serialised again in the same wire format when the handler has a serializer); a record of any other topic is
 * skipped with a warning. Any other failure (the database down) is retried with back-off (0.5 s doubling to 30 s)
 * for as long as it takes, never skipped.
 */
public final class ListenerErrors {

    private static final Logger log = LoggerFactory.getLogger(ListenerErrors.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Map<String, String> deadLetterTopics = new LinkedHashMap<>();
    private @Nullable ConfluentAvroSerializer<SpecificRecord> serializer;
    private boolean logRetries;

    private ListenerErrors(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** An error handler that publishes dead letters with {@code kafka} (a producer of bytes). */
    public static ListenerErrors publishingWith(KafkaTemplate<String, byte[]> kafka) {
        return new ListenerErrors(kafka);
    }

    /** Bad records of {@code topic} go to its dead-letter topic in {@code catalogue}. */
    public ListenerErrors deadLettering(String topic, TopicCatalogue catalogue) {
        String deadLetters = catalogue
                .deadLetterTopicOf(topic)
                .orElseThrow(() -> new IllegalStateException("the catalogue names no dead-letter topic of " + topic))
                .name();
        deadLetterTopics.put(topic, deadLetters);
        return this;
    }

    /**
     * Records read into Avro objects (malformed ones) are serialised again with the registry serializer configured
     * by {@code kafkaProperties} ({@code schema.registry.url}) before they go to a dead-letter topic of bytes.
     */
    public ListenerErrors reserialisingAvro(Map<String, ?> kafkaProperties) {
        ConfluentAvroSerializer<SpecificRecord> avro = new ConfluentAvroSerializer<>();
        avro.configure(new HashMap<>(kafkaProperties), false);
        this.serializer = avro;
        return this;
    }

    /** Each retried failure is logged as a warning with its root cause: a failure must be seen, not retried in silence. */
    public ListenerErrors loggingRetries() {
        this.logRetries = true;
        return this;
    }

    public DefaultErrorHandler handler() {
        Map<String, DeadLetterPublishingRecoverer> recoverers = new HashMap<>();
        deadLetterTopics.forEach((topic, deadLetters) -> recoverers.put(
                topic,
                new DeadLetterPublishingRecoverer(
                        kafka, (record, e) -> new TopicPartition(deadLetters, record.partition()))));
        ConfluentAvroSerializer<SpecificRecord> avro = serializer;
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (ConsumerRecord<?, ?> record, Exception e) -> {
                    DeadLetterPublishingRecoverer recoverer = recoverers.get(record.topic());
                    if (recoverer != null) {
                        recoverer.accept(avro == null ? record : asBytes(record, avro), e);
                    } else {
                        log.warn(
                                "skipping unreadable record {}-{}@{}: {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                e.getMessage());
                    }
                },
                backOff);
        handler.addNotRetryableExceptions(DeserializationException.class, MalformedRecordException.class);
        if (logRetries) {
            handler.setRetryListeners(new RetryListener() {
                @Override
                public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                    log.warn(
                            "{}-{}@{} failed (attempt {}), will retry: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            attempt,
                            rootCause(e));
                }

                @Override
                public void failedDelivery(ConsumerRecords<?, ?> records, Exception e, int attempt) {
                    log.warn(
                            "a batch of {} record(s) failed (attempt {}), will retry: {}",
                            records.count(),
                            attempt,
                            rootCause(e));
                }
            });
        }
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

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
