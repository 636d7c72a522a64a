package org.zhengce.referral.households;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.HouseholdChanged;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.kit.kafka.BatchFailures;
import org.zhengce.kit.kafka.ListenerBindings;
import org.zhengce.kit.kafka.UnreadableRecords;
import org.zhengce.kit.tracing.TraceParent;
import reactor.core.publisher.Flux;

/**
 * Keeps the contact fields (address, head's name, phone) and community of civil affairs' registration events
 * ({@code HouseholdRegistered}, {@code HouseholdChanged}); every other fact, and every member, is ignored. The
 * function {@value #FUNCTION} reads {@code household.events} in batches (Spring Cloud Stream binding {@code
 * keepHouseholdContacts-in-0}, batch mode, in {@code referral-service.yml}; started unless {@code
 * referral.households.consume} is false). Offsets are committed once the batch is in the database. A record that
 * cannot be read, or that the database refuses (a NUL in an address), is skipped with a warning by the error handler:
 * {@code household.events} keeps it for ever, and its dead-letter topic is scoring's (the binding has no {@code
 * enable-dlq}); a transient failure (the database down) is retried until it passes.
 */
@Component(HouseholdEventListener.FUNCTION)
class HouseholdEventListener implements Consumer<Message<List<Object>>> {

    /** The function's name in {@code spring.cloud.function.definition}. */
    static final String FUNCTION = "keepHouseholdContacts";

    private static final Logger log = LoggerFactory.getLogger(HouseholdEventListener.class);

    private final HouseholdContacts contacts;
    private final DepartmentDecisions decisions;
    private final TransactionalOperator transactions;
    private final ReporterTips tips;

    HouseholdEventListener(
            HouseholdContacts contacts,
            DepartmentDecisions decisions,
            TransactionalOperator transactions,
            ReporterTips tips) {
        this.contacts = contacts;
        this.decisions = decisions;
        this.transactions = transactions;
        this.tips = tips;
    }

    /** A batch as the binding delivers it: the records as polled are in its headers. */
    @Override
    public void accept(Message<List<Object>> batch) {
        on(ListenerBindings.records(batch));
    }

    void on(List<ConsumerRecord<String, HouseholdEvent>> records) {
        int unreadable = UnreadableRecords.firstUnreadable(records);
        BatchFailures.applyNamingTheFailed(unreadable < 0 ? records : records.subList(0, unreadable), this::keep);
        if (unreadable >= 0) {
            throw UnreadableRecords.failure(records, unreadable);
        }
        log.debug("kept contact details from {} household events", records.size());
    }

    /** Keeps the contacts of {@code batch} in one transaction. */
    private void keep(List<ConsumerRecord<String, HouseholdEvent>> batch) {
        Flux.fromIterable(batch)
                .filter(record -> record.value() != null && record.value().getSubject() instanceof HouseholdNumber)
                .concatMap(record -> {
                    HouseholdEvent event = record.value();
                    String household = ((HouseholdNumber) event.getSubject()).getValue();
                    HouseholdContact contact;
                    if (tips.takes(event)) {
                        // a reporter's tip opens or joins a case in the tip's trace (issue 19)
                        return tips.on(event)
                                .contextWrite(context -> TraceParent.in(context, TraceParent.of(record.headers())));
                    }
                    if (decisions.takes(event)) {
                        // the department's decision closes the case in the decision's trace (ADR 0023)
                        return decisions
                                .on(event)
                                .contextWrite(context -> TraceParent.in(context, TraceParent.of(record.headers())));
                    }
                    if (event.getFact() instanceof HouseholdRegistered registered) {
                        contact = new HouseholdContact(
                                household,
                                registered.getCommunityCode(),
                                registered.getAddress(),
                                registered.getHeadName(),
                                registered.getPhone());
                    } else if (event.getFact() instanceof HouseholdChanged changed) {
                        contact = new HouseholdContact(
                                household,
                                changed.getCommunityCode(),
                                changed.getAddress(),
                                changed.getHeadName(),
                                changed.getPhone());
                    } else {
                        return Flux.empty();
                    }
                    return contacts.keep(contact, event.getPlatformEventId(), event.getOccurredAt());
                })
                .then()
                .as(transactions::transactional)
                .block(Duration.ofMinutes(1));
    }
}
