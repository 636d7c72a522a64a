package org.zhengce.scoring.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.internals.FailedProcessingException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.identity.IdentityNumbers;

/**
 * The processing dead-letter lane's gate, the first processor after each source of the topology: it forwards each
 * record on, and when a processor downstream fails on it (the {@link ProcessingFailures} handler lets the failure up
 * to here), it sends the record as read to the lane's sink instead, the reason in headers, and the stream goes on with
 * the next record. The sink is written by the task's producer, so under exactly-once the dead letter is in the same
 * transaction as the task's output and its input offset: both are committed, or neither.
 *
 * <p>A failure of Kafka Streams itself (a state store, a producer, a task migrated) is not the record's fault: it is
 * thrown on, the task fails and the record is processed again. Effects of the failed record before the failure stay
 * (a portrait that took the event keeps it), so a replay does not apply it twice.
 *
 * <p>Headers, as Spring Kafka writes them on the deserialisation lane: {@code kafka_dlt-original-topic},
 * {@code -partition} (4-byte int), {@code -offset} (8-byte long), {@code kafka_dlt-exception-fqcn}, {@code
 * kafka_dlt-exception-message} (identity numbers masked); and {@value #REASON} (unapplicable, model, processor) and
 * {@value #PROCESSOR}, the node that failed.
 */
final class ProcessingDeadLetterGate implements FixedKeyProcessor<String, HouseholdEvent, HouseholdEvent> {

    /** Header: the kind of fault ({@link ProcessingFailure.Reason#tag()}); the same header as the other lane's. */
    static final String REASON = DeadLetterHeaders.REASON;

    /** Header: the processor node that failed on the record. */
    static final String PROCESSOR = DeadLetterHeaders.PROCESSOR;

    private static final int MAX_MESSAGE_CHARS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(ProcessingDeadLetterGate.class);

    private final String onward;
    private final String lane;
    private final ScoringTopology.DeadLetterCounter counter;
    private FixedKeyProcessorContext<String, HouseholdEvent> context;

    /**
     * @param onward the child that processes the record (the next operator's name)
     * @param lane the child that writes the processing dead letters (the sink's name)
     */
    ProcessingDeadLetterGate(String onward, String lane, ScoringTopology.DeadLetterCounter counter) {
        this.onward = onward;
        this.lane = lane;
        this.counter = counter;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, HouseholdEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, HouseholdEvent> record) {
        // the headers as read: a processor downstream may add to the record's own before it fails
        Headers asRead = new RecordHeaders(record.headers().toArray());
        try {
            context.forward(record, onward);
        } catch (RuntimeException thrown) {
            Throwable fault = recordFault(thrown);
            if (fault == null) {
                throw thrown;
            }
            ProcessingFailure.Reason reason =
                    fault instanceof ProcessingFailure failure ? failure.reason() : ProcessingFailure.Reason.PROCESSOR;
            Throwable original =
                    fault instanceof ProcessingFailure && fault.getCause() != null ? fault.getCause() : fault;
            String message = masked(fault.getMessage());
            String node =
                    thrown instanceof FailedProcessingException failed ? failed.failedProcessorNodeName() : onward;
            RecordMetadata source = context.recordMetadata().orElse(null);
            Headers headers = deadLetterHeaders(asRead, source, reason, original, message, node);
            log.warn(
                    "record {} of {} failed in {} ({}): {}: {}; sent to the processing dead letters",
                    record.key(),
                    source == null ? "?" : source.topic() + "-" + source.partition() + "@" + source.offset(),
                    node,
                    reason.tag(),
                    original.getClass().getName(),
                    message);
            counter.deadLettered(reason.tag());
            context.forward(record.withHeaders(headers), lane);
        }
    }

    /**
     * The record's fault behind what a forward threw, or null when Kafka Streams itself failed: a processor's failure
     * comes wrapped by the handler's {@code FAIL}; a {@link StreamsException} of its own (state, production, a task
     * migrated or corrupted) is the infrastructure's.
     */
    static @Nullable Throwable recordFault(RuntimeException thrown) {
        Throwable fault =
                thrown instanceof FailedProcessingException && thrown.getCause() != null ? thrown.getCause() : thrown;
        return fault instanceof StreamsException ? null : fault;
    }

    /** A message with every identity number masked, bounded so that a header stays small. */
    static String masked(@Nullable String message) {
        String text = IdentityNumbers.maskAllIn(message == null ? "" : message);
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    private static Headers deadLetterHeaders(
            Headers asRead,
            @Nullable RecordMetadata source,
            ProcessingFailure.Reason reason,
            Throwable original,
            String message,
            String node) {
        Headers headers = new RecordHeaders(asRead.toArray());
        if (source != null) {
            headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(source.topic()));
            headers.add(
                    KafkaHeaders.DLT_ORIGINAL_PARTITION,
                    ByteBuffer.allocate(Integer.BYTES)
                            .putInt(source.partition())
                            .array());
            headers.add(
                    KafkaHeaders.DLT_ORIGINAL_OFFSET,
                    ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array());
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(original.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(message));
        headers.add(REASON, utf8(reason.tag()));
        headers.add(PROCESSOR, utf8(node));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
