package org.zhengce.kit.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.messaging.MessagingException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import org.zhengce.kit.failures.Failures;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * The error handler of a service's listeners, built for the service's own topics, that classifies every failure
 * with {@link Failures} (anywhere in the cause chain):
 *
 * <ul>
 *   <li><b>permanent</b> (a record that cannot be read, a {@link MalformedRecordException}, a value the database
 *       refuses, a bug): not retried. A record of a topic with a dead-letter lane goes at once to the catalogue's
 *       dead-letter topic on the same partition, the reason in the {@code kafka_dlt-exception-*} headers and in
 *       {@value #FAILURE_HEADER} ({@code permanent}) and {@value #REASON_HEADER} (the bytes as received; a record
 *       already read into an Avro object is serialised again in the same wire format when the handler has a
 *       serializer); a record of any other topic is skipped with a warning. The partition goes on.
 *   <li><b>transient</b> (the database or the registry unavailable, a time-out): retried with exponential back-off
 *       (0.5 s doubling to 30 s unless {@linkplain #backingOff told}), at most {@linkplain #retryingAtMost n} delivery
 *       attempts for a topic with a dead-letter lane, then dead-lettered with {@value #FAILURE_HEADER} {@code
 *       transient-exhausted} (to be {@linkplain DeadLetterReplay replayed} after the fix). A topic without a lane (the
 *       topic keeps the record for ever, another service owns its dead letters) is retried for as long as it takes.
 * </ul>
 *
 * <p>With a {@linkplain #countingIn meter registry}: {@value #RETRIES} counts each retried delivery (tag {@code
 * topic}), {@value #DEAD_LETTERS} each record dead-lettered or skipped (tags {@code topic}, {@code failure}), and the
 * gauge {@value #IN_RETRY}, the alarm, is the number of partitions whose record is being retried now (one that failed
 * within twice the longest back-off interval and was not recovered since).
 */
public final class ListenerErrors {

    /** Counter of retried deliveries. */
    public static final String RETRIES = "platform.listener.retries";
    /** Gauge of records being retried now: the alarm. */
    public static final String IN_RETRY = "platform.listener.records.in-retry";
    /** Counter of records dead-lettered (or skipped, on a topic without a lane). */
    public static final String DEAD_LETTERS = "platform.listener.dead-letters";
    /** Header of a dead letter: {@code permanent} or {@code transient-exhausted}. */
    public static final String FAILURE_HEADER = "platform-failure";
    /** Header of a dead letter: the failure in one line ({@link Failures#reason}). */
    public static final String REASON_HEADER = "platform-failure-reason";

    private static final Logger log = LoggerFactory.getLogger(ListenerErrors.class);

    private final @Nullable KafkaTemplate<String, byte[]> kafka;
    private final @Nullable ConsumerRecordRecoverer keeper;
    private final Map<String, String> deadLetterTopics = new LinkedHashMap<>();
    private @Nullable ConfluentAvroSerializer<SpecificRecord> serializer;
    private @Nullable MeterRegistry meters;
    private boolean logRetries;
    private int maxAttempts = 10;
    private Duration initialInterval = Duration.ofMillis(500);
    private double multiplier = 2.0;
    private Duration maxInterval = Duration.ofSeconds(30);
    private @Nullable Meters measured;

    private ListenerErrors(@Nullable KafkaTemplate<String, byte[]> kafka, @Nullable ConsumerRecordRecoverer keeper) {
        this.kafka = kafka;
        this.keeper = keeper;
    }

    /** An error handler that publishes dead letters with {@code kafka} (a producer of bytes). */
    public static ListenerErrors publishingWith(KafkaTemplate<String, byte[]> kafka) {
        return new ListenerErrors(kafka, null);
    }

    /**
     * An error handler that hands every record it gives up on to {@code keeper} instead of publishing it as it is: for
     * a topic whose records must not be copied as they are (a department's records name persons by their identity
     * number), the keeper keeps it its own way (sealed) and writes its own dead letter. The failure it is given is
     * the listener's; {@link #kind} names it. A keeper that throws has the record delivered again.
     */
    public static ListenerErrors keepingWith(ConsumerRecordRecoverer keeper) {
        return new ListenerErrors(null, keeper);
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

    /** A transient failure of a topic with a dead-letter lane is delivered at most {@code attempts} times (≥ 1). */
    public ListenerErrors retryingAtMost(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one delivery attempt, not " + attempts);
        }
        this.maxAttempts = attempts;
        return this;
    }

    /** The back-off between deliveries of a transient failure: {@code initial}, times {@code multiplier}, up to {@code max}. */
    public ListenerErrors backingOff(Duration initial, double multiplier, Duration max) {
        this.initialInterval = initial;
        this.multiplier = multiplier;
        this.maxInterval = max;
        return this;
    }

    /** Retries, dead letters and the records in retry are measured in {@code registry}. */
    public ListenerErrors countingIn(MeterRegistry registry) {
        this.meters = registry;
        return this;
    }

    /** The handler: the dead-letter lanes and back-off this builder was told. */
    public DefaultErrorHandler handler() {
        Map<String, String> lanes = Map.copyOf(deadLetterTopics);
        ExponentialBackOff bounded = exponential(maxAttempts);
        ExponentialBackOff unbounded = exponential(Long.MAX_VALUE);
        return handler(
                (record, e) -> Optional.ofNullable(lanes.get(record.topic()))
                        .map(lane -> new TopicPartition(lane, record.partition()))
                        .orElse(null),
                record -> lanes.containsKey(record.topic()) ? bounded : unbounded);
    }

    /**
     * A handler for a Spring Cloud Stream binding (the binder's dlq resolver and back-off): dead letters go where
     * {@code deadLetters} says (the binding's dlq, {@code null}: skipped with a warning), a transient failure is
     * retried with {@code transientBackOff} (the binding's max-attempts and back-off), then dead-lettered.
     */
    public DefaultErrorHandler handler(
            BiFunction<ConsumerRecord<?, ?>, Exception, @Nullable TopicPartition> deadLetters,
            BackOff transientBackOff) {
        return handler(deadLetters, record -> transientBackOff);
    }

    /**
     * A handler for a {@linkplain #keepingWith keeper}: every record given up on goes to the keeper; a transient
     * failure is retried with {@code transientBackOff} first.
     */
    public DefaultErrorHandler handler(BackOff transientBackOff) {
        if (keeper == null) {
            throw new IllegalStateException("a handler without dead-letter lanes needs a keeper (keepingWith)");
        }
        return handler((record, e) -> null, record -> transientBackOff);
    }

    private DefaultErrorHandler handler(
            BiFunction<ConsumerRecord<?, ?>, Exception, @Nullable TopicPartition> deadLetters,
            java.util.function.Function<ConsumerRecord<?, ?>, BackOff> transientBackOff) {
        ConsumerRecordRecoverer publisher = keeper != null ? keeper : publisher(deadLetters);
        ConfluentAvroSerializer<SpecificRecord> avro = serializer;
        Meters measured = meters();
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (ConsumerRecord<?, ?> record, Exception thrown) -> {
                    Exception e = asTheListenerThrewIt(thrown);
                    measured.settled(record, kind(e));
                    if (keeper != null || deadLetters.apply(record, e) != null) {
                        publisher.accept(avro == null ? record : asBytes(record, avro), e);
                    } else {
                        log.warn(
                                "skipping record {}-{}@{} ({}): {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                kind(e),
                                Failures.reason(e));
                    }
                },
                exponential(Long.MAX_VALUE));
        // the classification is Failures': nothing is "not retryable" by type, a permanent failure has no back-off
        handler.setClassifications(Map.of(), true);
        handler.setBackOffFunction(
                (record, e) -> Failures.isPermanent(e) ? new FixedBackOff(0, 0) : transientBackOff.apply(record));
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                if (Failures.isPermanent(e)) {
                    return;
                }
                measured.retried(record);
                if (logRetries) {
                    log.warn(
                            "{}-{}@{} failed (attempt {}), will retry: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            attempt,
                            Failures.reason(e));
                }
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception e, int attempt) {
                if (logRetries) {
                    log.warn(
                            "a batch of {} record(s) failed (attempt {}), will retry: {}",
                            records.count(),
                            attempt,
                            Failures.reason(e));
                }
            }
        });
        handler.setCommitRecovered(true);
        return handler;
    }

    /** One set of meters for every handler this builder makes (one gauge per registry). */
    private synchronized Meters meters() {
        Meters built = measured;
        if (built == null) {
            built = new Meters(meters, maxInterval.multipliedBy(2));
            measured = built;
        }
        return built;
    }

    private ExponentialBackOff exponential(long attempts) {
        ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), multiplier);
        backOff.setMaxInterval(maxInterval.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        // the first delivery is an attempt: the back-off counts the ones after it
        backOff.setMaxAttempts(attempts == Long.MAX_VALUE ? Long.MAX_VALUE : attempts - 1);
        return backOff;
    }

    /**
     * A failure of a Spring Cloud Stream function as the container reports a listener's own: the function's exception
     * in the container's {@link ListenerExecutionFailedException}, without the messaging exception of the function's
     * invocation between them, so that the dead letter's {@code kafka_dlt-exception-*} headers name the listener's
     * failure (the failed record and why), as they do for a {@code @KafkaListener}.
     */
    private static Exception asTheListenerThrewIt(Exception thrown) {
        if (thrown instanceof ListenerExecutionFailedException failed
                && failed.getCause() instanceof MessagingException invocation
                && invocation.getCause() instanceof Exception listener) {
            return new ListenerExecutionFailedException(
                    String.valueOf(failed.getMessage()), failed.getGroupId(), listener);
        }
        return thrown;
    }

    private DeadLetterPublishingRecoverer publisher(
            BiFunction<ConsumerRecord<?, ?>, Exception, @Nullable TopicPartition> deadLetters) {
        if (kafka == null) {
            throw new IllegalStateException("no producer of dead letters (publishingWith)");
        }
        DeadLetterPublishingRecoverer publisher =
                new DeadLetterPublishingRecoverer(kafka, (record, e) -> deadLetters.apply(record, e));
        publisher.setHeadersFunction((record, e) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(FAILURE_HEADER, kind(e).getBytes(StandardCharsets.UTF_8));
            headers.add(REASON_HEADER, Failures.reason(e).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        return publisher;
    }

    /** The kind of a record given up on for {@code failure}: {@code permanent} or {@code transient-exhausted}. */
    public static String kind(Throwable failure) {
        return Failures.isTransient(failure) ? "transient-exhausted" : "permanent";
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

    /** The handler's meters (none without a registry): retries, dead letters, and the partitions in retry. */
    private static final class Meters {

        private final @Nullable MeterRegistry registry;
        private final long staleAfterNanos;
        private final Map<TopicPartition, Long> inRetry = new ConcurrentHashMap<>();

        Meters(@Nullable MeterRegistry registry, Duration staleAfter) {
            this.registry = registry;
            this.staleAfterNanos = staleAfter.toNanos();
            if (registry != null) {
                Gauge.builder(IN_RETRY, this, Meters::inRetry)
                        .description("records of listeners being retried after a transient failure (the alarm)")
                        .register(registry);
            }
        }

        void retried(ConsumerRecord<?, ?> record) {
            inRetry.put(new TopicPartition(record.topic(), record.partition()), System.nanoTime());
            if (registry != null) {
                Counter.builder(RETRIES)
                        .description("deliveries of listener records retried after a transient failure")
                        .tag("topic", record.topic())
                        .register(registry)
                        .increment();
            }
        }

        void settled(ConsumerRecord<?, ?> record, String failure) {
            inRetry.remove(new TopicPartition(record.topic(), record.partition()));
            if (registry != null) {
                Counter.builder(DEAD_LETTERS)
                        .description("listener records dead-lettered (or skipped without a lane)")
                        .tag("topic", record.topic())
                        .tag("failure", failure)
                        .register(registry)
                        .increment();
            }
        }

        double inRetry() {
            long now = System.nanoTime();
            inRetry.values().removeIf(last -> now - last > staleAfterNanos);
            return inRetry.size();
        }
    }
}
