package org.zhengce.scoring.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.zhengce.kit.failures.Failures;

/**
 * Scoring's {@code deserialization.exception.handler}: a record that cannot be read because of the record itself (not
 * Avro, an unknown schema, a value the reader's schema cannot take) goes to {@code household.events.dlq} and the
 * stream goes on; a record that cannot be read because something did not answer (the schema registry, a time-out:
 * {@link Failures#isTransient transient}) is not dead-lettered but fails its stream thread, which {@link
 * #replacingThreadsOnTransientFailures} replaces: the new thread reads the record again from the last commit, so a
 * registry outage delays scoring and turns no valid event into a dead letter.
 *
 * <p>In the service the Kafka Streams binder gives it the dead-letter lane: the binding's {@code
 * deserializationExceptionHandler: sendToDlq} with {@code dlqName} makes the binder's recoverer (Spring Kafka's
 * dead-letter publisher, to the partition the record came from) and sets it under {@link
 * #KSTREAM_DESERIALIZATION_RECOVERER}; the binder's own handler would dead-letter every failure, so this one is set
 * as {@code deserialization.exception.handler} in the binder's configuration (ADR 0020).
 */
public final class UnreadableRecords extends RecoveringDeserializationExceptionHandler {

    /**
     * Configuration key of the {@link ScoringTopology.DeadLetterCounter} told of each record dead-lettered here
     * ({@code unreadable}); none when not set.
     */
    public static final String COUNTER = "scoring.unreadable.counter";

    private static final Logger log = LoggerFactory.getLogger(UnreadableRecords.class);

    private ScoringTopology.DeadLetterCounter counter = ScoringTopology.DeadLetterCounter.none();

    /** For Kafka Streams, configured with the recoverer under {@link #KSTREAM_DESERIALIZATION_RECOVERER}. */
    public UnreadableRecords() {}

    UnreadableRecords(ConsumerRecordRecoverer recoverer) {
        super(recoverer);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        if (configs.get(COUNTER) instanceof ScoringTopology.DeadLetterCounter configured) {
            counter = configured;
        }
    }

    @Override
    public DeserializationHandlerResponse handle(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (Failures.isTransient(exception)) {
            log.warn(
                    "{}-{}@{} could not be read now, the stream thread is replaced and reads it again: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    ProcessingDeadLetterGate.masked(Failures.reason(exception)));
            return DeserializationHandlerResponse.FAIL;
        }
        DeserializationHandlerResponse response = super.handle(context, record, exception);
        if (response == DeserializationHandlerResponse.CONTINUE) {
            counter.deadLettered("unreadable");
        }
        return response;
    }

    /**
     * A stream thread that died of a transient failure (a record that could not be read now, the broker or the
     * registry not answering) is replaced; any other failure shuts the client down, as Kafka Streams does by default.
     */
    static StreamThreadExceptionResponse replacingThreadsOnTransientFailures(Throwable failure) {
        if (Failures.isTransient(failure)) {
            log.warn("a stream thread died of a transient failure and is replaced: {}", masked(failure));
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("a stream thread died, scoring's streams shut down: {}", masked(failure));
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static String masked(Throwable failure) {
        return ProcessingDeadLetterGate.masked(Failures.reason(failure));
    }
}
