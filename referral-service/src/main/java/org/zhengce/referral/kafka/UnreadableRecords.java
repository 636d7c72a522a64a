package org.zhengce.referral.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Records the {@code ErrorHandlingDeserializer} could not read arrive with a null value and the exception in a
 * header. A batch listener handles the records before the first such record, then throws {@link #failure}: the
 * error handler commits those, sends the unreadable one to its dead-letter lane and re-delivers the rest, so a
 * poison record never blocks the partition.
 */
public final class UnreadableRecords {

    private static final LogAccessor LOG = new LogAccessor(UnreadableRecords.class);

    private UnreadableRecords() {}

    /** The index of the first record that could not be read, or -1. */
    public static int firstUnreadable(List<? extends ConsumerRecord<?, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (exception(records.get(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    /** The exception that hands record {@code index} to the error handler, with the reason it could not be read. */
    public static BatchListenerFailedException failure(List<? extends ConsumerRecord<?, ?>> records, int index) {
        ConsumerRecord<?, ?> record = records.get(index);
        DeserializationException cause = exception(record);
        String reason = cause == null ? "unreadable" : String.valueOf(cause.getMessage());
        return new BatchListenerFailedException(
                "record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " cannot be read: "
                        + reason,
                cause,
                index);
    }

    private static DeserializationException exception(ConsumerRecord<?, ?> record) {
        if (record.value() != null) {
            return null;
        }
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
    }
}
