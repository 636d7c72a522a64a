package org.zhengce.referral.warnings;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.kit.kafka.BatchFailures;
import org.zhengce.kit.kafka.UnreadableRecords;

/**
 * Reads {@code household.warnings} in batches: the readable records before the first unreadable one are applied in
 * one database transaction, then the offsets are acknowledged; an unreadable record goes to the error handler
 * (dead-letter topic) and the rest of the batch is delivered again. When the transaction fails, the records are
 * applied one by one and the first that fails goes to the error handler (retried if the failure is transient, then
 * or else dead-lettered).
 */
@Component
class WarningListener {

    private final WarningIntake intake;

    WarningListener(WarningIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(
            id = "referral-household-warnings",
            topics = "#{householdWarnings.name()}",
            containerFactory = "householdWarningsListeners",
            batch = "true",
            autoStartup = "${referral.cases.consume:true}")
    void on(List<ConsumerRecord<String, HouseholdWarningEvent>> records, Acknowledgment ack) {
        int unreadable = UnreadableRecords.firstUnreadable(records);
        List<ConsumerRecord<String, HouseholdWarningEvent>> readable =
                unreadable < 0 ? records : records.subList(0, unreadable);
        BatchFailures.applyNamingTheFailed(
                readable,
                batch -> intake.apply(batch.stream().map(ConsumerRecord::value).toList())
                        .block(Duration.ofMinutes(1)));
        if (unreadable >= 0) {
            throw UnreadableRecords.failure(records, unreadable);
        }
        ack.acknowledge();
    }
}
