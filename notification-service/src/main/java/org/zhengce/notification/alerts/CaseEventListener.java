package org.zhengce.notification.alerts;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.kafka.BatchFailures;
import org.zhengce.kit.kafka.ListenerBindings;
import org.zhengce.kit.kafka.UnreadableRecords;
import org.zhengce.kit.tracing.TraceParent;

/**
 * Reads {@code case.events} in batches, the function {@value #FUNCTION} (Spring Cloud Stream binding {@code
 * raiseAlerts-in-0}, batch mode, in {@code notification-service.yml}; started unless {@code notification.consume} is
 * false): the good records before the first bad one (unreadable, or malformed) are applied in one database
 * transaction, then the offsets are committed when the function returns; the bad one goes to the error handler
 * (dead-letter topic) and the rest of the batch is delivered again. When the transaction fails, the records are
 * applied one by one and the first that fails goes to the error handler (retried if the failure is transient, then
 * or else dead-lettered).
 */
@Component(CaseEventListener.FUNCTION)
class CaseEventListener implements Consumer<Message<List<Object>>> {

    /** The function's name in {@code spring.cloud.function.definition}. */
    static final String FUNCTION = "raiseAlerts";

    private final CaseEventIntake intake;

    CaseEventListener(CaseEventIntake intake) {
        this.intake = intake;
    }

    /** A batch as the binding delivers it: the records as polled are in its headers. */
    @Override
    public void accept(Message<List<Object>> batch) {
        on(ListenerBindings.records(batch));
    }

    void on(List<ConsumerRecord<String, CaseEvent>> records) {
        int bad = UnreadableRecords.firstBad(records, CaseEventCheck::problem);
        List<ConsumerRecord<String, CaseEvent>> good = bad < 0 ? records : records.subList(0, bad);
        BatchFailures.applyNamingTheFailed(
                good,
                batch -> intake.apply(batch.stream().map(ConsumerRecord::value).toList(), TraceParent.byValue(batch))
                        .block(Duration.ofMinutes(1)));
        if (bad >= 0) {
            throw UnreadableRecords.failure(records, bad, CaseEventCheck::problem);
        }
    }
}
