package org.zhengce.kit.kafka;

import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.zhengce.kit.failures.Failures;

/**
 * A batch listener applies its records together (one transaction); when that fails, it must say which record
 * failed, or the error handler can only retry (or set aside) the whole batch. {@link #applyNamingTheFailed} applies
 * the batch at once and, when that fails, record by record (the failed batch's transaction rolled back): the records before the
 * first that fails are applied, that one is handed to the error handler with its failure ({@link ListenerErrors}
 * classifies it: retried with back-off, or dead-lettered at once), and the rest are delivered again.
 */
public final class BatchFailures {

    private BatchFailures() {}

    /** Applies {@code records} with {@code apply}, at once, or one by one to name the first that fails. */
    public static <R extends ConsumerRecord<?, ?>> void applyNamingTheFailed(List<R> records, Consumer<List<R>> apply) {
        if (records.isEmpty()) {
            return;
        }
        try {
            apply.accept(records);
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < records.size(); i++) {
                try {
                    apply.accept(List.of(records.get(i)));
                } catch (RuntimeException e) {
                    ConsumerRecord<?, ?> record = records.get(i);
                    throw new BatchListenerFailedException(
                            "record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                                    + " could not be applied: " + Failures.reason(e),
                            e,
                            i);
                }
            }
        }
    }
}
