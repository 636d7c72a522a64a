package org.zhengce.notification.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.kit.failures.SetAside;
import org.zhengce.notification.outbox.AlertEventOutbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Escalation to the supervisor above an alert's recipient: a new alert for the supervisor (itself escalating if
 * nobody acknowledges it) and {@code AlertEscalated}, once per alert, never for an acknowledged one. The alert row is
 * locked while it is decided, so an acknowledgement and an escalation never both win.
 */
@Service
public class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    private final AlertStore store;
    private final AlertEventOutbox outbox;
    private final SupervisorDirectory supervisors;
    private final AlertTiming timing;
    private final TransactionalOperator transactions;
    private final AlertFeed feed;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final SetAside<UUID> setAside;

    Escalations(
            AlertStore store,
            AlertEventOutbox outbox,
            SupervisorDirectory supervisors,
            AlertTiming timing,
            TransactionalOperator transactions,
            AlertFeed feed,
            AlertMetrics metrics,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.outbox = outbox;
        this.supervisors = supervisors;
        this.timing = timing;
        this.transactions = transactions;
        this.feed = feed;
        this.metrics = metrics;
        this.clock = clock;
        this.setAside = new SetAside<>("escalation sweep", meters);
    }

    /**
     * Escalates the alerts not acknowledged in time (at most {@code limit}), each in its own transaction; one that
     * cannot be escalated for a permanent reason is set aside ({@link SetAside}) and the sweep goes on.
     */
    public Mono<Long> escalateDue(int limit) {
        Instant now = clock.instant();
        return store.dueForEscalation(now, limit)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .filter(id -> !setAside.contains(id))
                .concatMap(id -> setAside.guard(
                        id,
                        escalateIn(id, EscalationCause.UNACKNOWLEDGED, now)
                                .as(transactions::transactional)
                                .doOnNext(created -> committed(List.of(created)))
                                .thenReturn(id)))
                .count();
    }

    /**
     * Escalates {@code alertId} inside the caller's transaction unless it was acknowledged or escalated before; the
     * supervisor's new alert, if one was raised, to be handed to {@link #committed} after the commit.
     */
    public Mono<AlertView> escalateIn(UUID alertId, EscalationCause cause, Instant now) {
        return store.lockEscalatable(alertId).flatMap(alert -> {
            Optional<String> above = supervisors.above(alert.communityCode(), alert.recipient());
            int minutes =
                    (int) Math.max(0, Duration.between(alert.createdAt(), now).toMinutes());
            if (above.isEmpty()) {
                log.warn("alert {} ({}) of {}: nobody above to escalate to", alert.id(), cause, alert.recipient());
                return store.recordEscalation(alert.id(), cause.name(), null, null, now)
                        .then(Mono.<AlertView>empty());
            }
            String supervisor = above.get();
            NewAlert next = new NewAlert(
                    alert.id(),
                    supervisor,
                    alert.caseId(),
                    alert.communityCode(),
                    alert.urgency(),
                    cause.kind(),
                    detail(alert, cause, minutes),
                    now,
                    timing.acknowledgeBy(now, alert.urgency()),
                    alert.id());
            return store.create(next)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(created -> store.recordEscalation(
                                    alert.id(),
                                    cause.name(),
                                    supervisor,
                                    created.map(AlertView::id).orElse(null),
                                    now)
                            .then(outbox.append(List.of(AlertEvents.escalated(alert, supervisor, minutes, now))))
                            .doOnSuccess(done -> metrics.escalated(cause.name()))
                            .then(Mono.justOrEmpty(created)));
        });
    }

    /** Hands alerts raised by escalation to the open streams, once their transaction has committed. */
    public void committed(List<AlertView> raised) {
        raised.forEach(alert -> metrics.raised(alert.kind()));
        feed.publish(raised);
    }

    private static String detail(AlertView alert, EscalationCause cause, int minutes) {
        if (cause == EscalationCause.UNDELIVERABLE) {
            return "提醒无法送达 An alert to " + alert.recipient() + " could not be delivered (" + alert.kind()
                    + ", community " + alert.communityCode() + ", urgency " + alert.urgency() + ")";
        }
        return "提醒未确认 " + alert.recipient() + " has not acknowledged an alert for " + minutes + " minutes ("
                + alert.kind() + ", community " + alert.communityCode() + ", urgency " + alert.urgency() + ")";
    }
}
