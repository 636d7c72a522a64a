package org.zhengce.notification.alerts;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.kafka.BatchFailures;
import org.zhengce.kit.kafka.UnreadableRecords;

/**
 * Reads {@code case.events} in batches: the good records before the first bad one (unreadable, or malformed) are
 * applied in one database transaction, then the offsets are acknowledged; the bad one goes to the error handler
 * (dead-letter topic) and the rest of the batch is delivered again. When the transaction fails, the records are
 * applied one by one and the first that fails goes to the error handler (retried if the failure is transient, then
 * or else dead-lettered).
 */
@Component
class CaseEventListener {

    private final CaseEventIntake intake;

    CaseEventListener(CaseEventIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(
            id = "notification-case-events",
            topics = "#{caseEvents.name()}",
            containerFactory = "caseEventsListeners",
            batch = "true",
            autoStartup = "${notification.consume:true}")
    void on(List<ConsumerRecord<String, CaseEvent>> records, Acknowledgment ack) {
        int bad = UnreadableRecords.firstBad(records, CaseEventCheck::problem);
        List<ConsumerRecord<String, CaseEvent>> good = bad < 0 ? records : records.subList(0, bad);
        BatchFailures.applyNamingTheFailed(
                good,
                batch -> intake.apply(batch.stream().map(ConsumerRecord::value).toList())
                        .block(Duration.ofMinutes(1)));
        if (bad >= 0) {
            throw UnreadableRecords.failure(records, bad, CaseEventCheck::problem);
        }
        ack.acknowledge();
    }
}
