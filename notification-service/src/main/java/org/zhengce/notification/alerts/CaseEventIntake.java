package org.zhengce.notification.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.tracing.TraceParent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies a batch of case events in one transaction: each event once (its id recorded in the same transaction), in
 * order, so that an assignment earlier in the batch names the advisor for an escalation later in it. After the commit
 * the alerts raised are handed to the open streams.
 */
@Service
class CaseEventIntake {

    private final AlertStore store;
    private final Recipients recipients;
    private final AlertTiming timing;
    private final TransactionalOperator transactions;
    private final AlertFeed feed;
    private final AlertMetrics metrics;
    private final Clock clock;

    CaseEventIntake(
            AlertStore store,
            Recipients recipients,
            AlertTiming timing,
            TransactionalOperator transactions,
            AlertFeed feed,
            AlertMetrics metrics,
            Clock clock) {
        this.store = store;
        this.recipients = recipients;
        this.timing = timing;
        this.transactions = transactions;
        this.feed = feed;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies {@code events}; the alerts raised, once committed. */
    Mono<List<AlertView>> apply(List<CaseEvent> events) {
        return apply(events, event -> null);
    }

    /**
     * Applies {@code events} as {@link #apply(List)}, each in its trace ({@code traces}, a W3C traceparent or null):
     * the alerts it raises keep that trace (ADR 0023).
     */
    Mono<List<AlertView>> apply(List<CaseEvent> events, Function<CaseEvent, @Nullable String> traces) {
        Instant now = clock.instant();
        return Flux.fromIterable(events)
                .concatMap(event ->
                        applyOne(event, now).contextWrite(context -> TraceParent.in(context, traces.apply(event))))
                .collectList()
                .as(transactions::transactional)
                .doOnNext(raised -> {
                    raised.forEach(alert -> metrics.raised(alert.kind()));
                    feed.publish(raised);
                });
    }

    private Flux<AlertView> applyOne(CaseEvent event, Instant now) {
        UUID eventId = UUID.fromString(event.getEventId());
        UUID caseId = UUID.fromString(event.getCaseId());
        return store.claimCaseEvent(eventId, caseId, now)
                .filter(Boolean::booleanValue)
                .flatMap(fresh -> store.advisorOf(caseId))
                .flatMapMany(advisor -> remember(event, caseId, now)
                        .thenMany(Flux.fromIterable(recipients.of(event, advisor)))
                        .concatMap(intent -> store.create(alert(event, caseId, intent, now))));
    }

    /** A case's advisor, as its last assignment names it. */
    private Mono<Void> remember(CaseEvent event, UUID caseId, Instant now) {
        if (event.getFact() instanceof CaseAssigned assigned) {
            return store.assign(caseId, assigned.getAdvisorId(), event.getCommunityCode(), now);
        }
        return Mono.empty();
    }

    private NewAlert alert(CaseEvent event, UUID caseId, AlertIntent intent, Instant now) {
        String urgency = String.valueOf(event.getUrgency());
        return new NewAlert(
                UUID.fromString(event.getEventId()),
                intent.recipient(),
                caseId,
                event.getCommunityCode(),
                urgency,
                intent.kind(),
                intent.detail(),
                now,
                timing.acknowledgeBy(now, urgency),
                null);
    }
}
