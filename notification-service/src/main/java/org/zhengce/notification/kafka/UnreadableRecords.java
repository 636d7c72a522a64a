package org.zhengce.notification.kafka;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Records the {@code ErrorHandlingDeserializer} could not read arrive with a null value and the exception in a
 * header; records that were read may still be malformed (a check names what is wrong). A batch listener handles the
 * records before the first bad one, then throws {@link #failure}: the error handler commits those, sends the bad one
 * to the dead-letter topic (neither cause is retried) and re-delivers the rest, so a poison record never blocks the
 * partition. (As referral's, with the check for readable but malformed records added.)
 */
public final class UnreadableRecords {

    private static final LogAccessor LOG = new LogAccessor(UnreadableRecords.class);

    private UnreadableRecords() {}

    /** The index of the first record that could not be read or that {@code malformed} finds wrong, or -1. */
    public static <V> int firstBad(List<ConsumerRecord<String, V>> records, Function<V, Optional<String>> malformed) {
        for (int i = 0; i < records.size(); i++) {
            if (reason(records.get(i), malformed) != null) {
                return i;
            }
        }
        return -1;
    }

    /** The exception that hands record {@code index} to the error handler, with the reason it is bad. */
    public static <V> BatchListenerFailedException failure(
            List<ConsumerRecord<String, V>> records, int index, Function<V, Optional<String>> malformed) {
        ConsumerRecord<String, V> record = records.get(index);
        RuntimeException cause = reason(record, malformed);
        String where = "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
        if (cause instanceof DeserializationException) {
            return new BatchListenerFailedException(where + " cannot be read: " + cause.getMessage(), cause, index);
        }
        return new BatchListenerFailedException(
                where + " is malformed: " + (cause == null ? "?" : cause.getMessage()), cause, index);
    }

    private static <V> @Nullable RuntimeException reason(
            ConsumerRecord<String, V> record, Function<V, Optional<String>> malformed) {
        V value = record.value();
        if (value == null) {
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            return unreadable != null ? unreadable : new MalformedRecordException("no value (a tombstone)");
        }
        return malformed.apply(value).map(MalformedRecordException::new).orElse(null);
    }
}
