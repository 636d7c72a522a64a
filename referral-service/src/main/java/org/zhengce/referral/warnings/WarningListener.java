package org.zhengce.referral.warnings;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.kit.kafka.BatchFailures;
import org.zhengce.kit.kafka.ListenerBindings;
import org.zhengce.kit.kafka.UnreadableRecords;
import org.zhengce.kit.tracing.TraceParent;

/**
 * Reads {@code household.warnings} in batches, the function {@value #FUNCTION} (Spring Cloud Stream binding {@code
 * applyWarnings-in-0}, batch mode, in {@code referral-service.yml}; started unless {@code referral.cases.consume} is
 * false): the readable records before the first unreadable one are applied in one database transaction, then the
 * offsets are committed when the function returns; an unreadable record goes to the error handler
 * (dead-letter topic) and the rest of the batch is delivered again. When the transaction fails, the records are
 * applied one by one and the first that fails goes to the error handler (retried if the failure is transient, then
 * or else dead-lettered).
 */
@Component(WarningListener.FUNCTION)
class WarningListener implements Consumer<Message<List<Object>>> {

    /** The function's name in {@code spring.cloud.function.definition}. */
    static final String FUNCTION = "applyWarnings";

    private final WarningIntake intake;

    WarningListener(WarningIntake intake) {
        this.intake = intake;
    }

    /** A batch as the binding delivers it: the records as polled are in its headers. */
    @Override
    public void accept(Message<List<Object>> batch) {
        on(ListenerBindings.records(batch));
    }

    void on(List<ConsumerRecord<String, HouseholdWarningEvent>> records) {
        int unreadable = UnreadableRecords.firstUnreadable(records);
        List<ConsumerRecord<String, HouseholdWarningEvent>> readable =
                unreadable < 0 ? records : records.subList(0, unreadable);
        BatchFailures.applyNamingTheFailed(
                readable,
                batch -> intake.apply(batch.stream().map(ConsumerRecord::value).toList(), TraceParent.byValue(batch))
                        .block(Duration.ofMinutes(1)));
        if (unreadable >= 0) {
            throw UnreadableRecords.failure(records, unreadable);
        }
    }
}
