package org.zhengce.kit.kafka;

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
 * to its dead-letter lane (neither cause is retried, see {@link ListenerErrors}) and re-delivers the rest, so a
 * poison record never blocks the partition.
 */
public final class UnreadableRecords {

    private static final LogAccessor LOG = new LogAccessor(UnreadableRecords.class);

    private UnreadableRecords() {}

    /** The index of the first record that could not be read, or -1 (a tombstone is readable). */
    public static int firstUnreadable(List<? extends ConsumerRecord<?, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (unreadable(records.get(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    /** The exception that hands record {@code index} to the error handler, with the reason it could not be read. */
    public static BatchListenerFailedException failure(List<? extends ConsumerRecord<?, ?>> records, int index) {
        ConsumerRecord<?, ?> record = records.get(index);
        DeserializationException cause = unreadable(record);
        String reason = cause == null ? "unreadable" : String.valueOf(cause.getMessage());
        return new BatchListenerFailedException(where(record) + " cannot be read: " + reason, cause, index);
    }

    /**
     * The index of the first record that could not be read, has no value (a tombstone), or that {@code malformed}
     * finds wrong; or -1.
     */
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
        if (cause instanceof DeserializationException) {
            return new BatchListenerFailedException(
                    where(record) + " cannot be read: " + cause.getMessage(), cause, index);
        }
        return new BatchListenerFailedException(
                where(record) + " is malformed: " + (cause == null ? "?" : cause.getMessage()), cause, index);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static <V> @Nullable RuntimeException reason(
            ConsumerRecord<String, V> record, Function<V, Optional<String>> malformed) {
        V value = record.value();
        if (value == null) {
            DeserializationException unreadable = unreadable(record);
            return unreadable != null ? unreadable : new MalformedRecordException("no value (a tombstone)");
        }
        return malformed.apply(value).map(MalformedRecordException::new).orElse(null);
    }

    private static @Nullable DeserializationException unreadable(ConsumerRecord<?, ?> record) {
        if (record.value() != null) {
            return null;
        }
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
    }
}
