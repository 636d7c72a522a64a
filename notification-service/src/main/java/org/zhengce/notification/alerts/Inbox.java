package org.zhengce.notification.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.AlertChannel;
import org.zhengce.kit.security.Caller;
import org.zhengce.notification.outbox.AlertEventOutbox;
import org.zhengce.notification.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The alerts as users see them: their own (list, read, acknowledge), a supervisor's jurisdiction, an admin's all;
 * and each user's history by sequence, for the stream.
 */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final AlertStore store;
    private final AlertEventOutbox outbox;
    private final TransactionalOperator transactions;
    private final AlertMetrics metrics;
    private final Clock clock;

    Inbox(
            AlertStore store,
            AlertEventOutbox outbox,
            TransactionalOperator transactions,
            AlertMetrics metrics,
            Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A page of the caller's alerts, newest first: at most {@code limit} with a sequence below {@code before} (from
     * the newest when null), and where the next page starts.
     */
    Mono<AlertPage> mine(Caller<Role> caller, boolean unacknowledgedOnly, @Nullable Long before, int limit) {
        // one more than asked: whether there is a next page, without a second query
        return store.of(caller.userId(), unacknowledgedOnly, before, limit + 1)
                .collectList()
                .map(newestFirst -> AlertPage.of(newestFirst, limit));
    }

    /** A community's alerts, for a supervisor covering it or an admin. */
    Flux<AlertView> ofCommunity(Caller<Role> caller, String communityCode, int limit) {
        if (!caller.has(Role.PLATFORM_ADMIN) && !(caller.has(Role.SUPERVISOR) && caller.covers(communityCode))) {
            return Flux.error(AlertProblem.outsideJurisdiction(communityCode));
        }
        return store.ofCommunity(communityCode, limit);
    }

    /** An alert the caller may see: their own, one of a community a supervisor covers, any for an admin. */
    Mono<AlertView> read(Caller<Role> caller, UUID id) {
        return store.find(id)
                .filter(alert -> alert.recipient().equals(caller.userId())
                        || caller.has(Role.PLATFORM_ADMIN)
                        || (caller.has(Role.SUPERVISOR) && caller.covers(alert.communityCode())))
                .switchIfEmpty(Mono.error(AlertProblem.notFound(id)));
    }

    Mono<AlertView> markRead(Caller<Role> caller, UUID id) {
        return store.markRead(id, caller.userId(), clock.instant())
                .switchIfEmpty(Mono.error(AlertProblem.notFound(id)));
    }

    /**
     * Acknowledges the caller's own alert: it stops escalating, {@code AlertAcknowledged} is published. Again: the
     * alert as it is, nothing published twice.
     */
    Mono<AlertView> acknowledge(Caller<Role> caller, UUID id, @Nullable String note) {
        Instant now = clock.instant();
        return store.acknowledge(id, caller.userId(), note, now)
                .flatMap(acked -> outbox.append(List.of(AlertEvents.acknowledged(acked, note == null ? "" : note, now)))
                        .thenReturn(acked))
                .as(transactions::transactional)
                .doOnNext(acked -> metrics.acknowledged(Duration.between(acked.createdAt(), now)))
                .switchIfEmpty(store.find(id)
                        .filter(alert -> alert.recipient().equals(caller.userId()))
                        .switchIfEmpty(Mono.error(AlertProblem.notFound(id))));
    }

    // --- for the stream

    /** The user's alerts after {@code sequence}, in order, at most {@code limit}. */
    public Flux<AlertView> after(String userId, long sequence, int limit) {
        return store.after(userId, sequence, limit);
    }

    /** The user's newest sequence, 0 before their first alert. */
    public Mono<Long> latestSequence(String userId) {
        return store.latestSequence(userId);
    }

    /** True when an alert after {@code sequence} is older than {@code cutoff}: out of the replay window. */
    public Mono<Boolean> missedBefore(String userId, long sequence, Instant cutoff) {
        return store.missedBefore(userId, sequence, cutoff);
    }

    /**
     * Records that an alert reached its recipient's console (the first time it was streamed): its console delivery
     * is delivered, {@code AlertDelivered} published. Again: nothing.
     */
    public Mono<Void> streamed(AlertView alert) {
        Instant now = clock.instant();
        return store.markConsoleDelivered(alert.id(), now)
                .flatMap(deliveryId -> outbox.append(List.of(AlertEvents.delivered(
                                AlertEvents.AlertRef.of(alert), AlertChannel.CONSOLE, deliveryId, 1, now)))
                        .thenReturn(deliveryId))
                .as(transactions::transactional)
                .doOnNext(deliveryId ->
                        metrics.delivered(AlertChannel.CONSOLE.name(), Duration.between(alert.createdAt(), now)))
                .doOnError(e -> log.warn("could not record alert {} as streamed: {}", alert.id(), e.toString()))
                .onErrorComplete()
                .then();
    }
}
