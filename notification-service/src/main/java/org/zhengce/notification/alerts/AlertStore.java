package org.zhengce.notification.alerts;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.AlertChannel;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.notification.subscriptions.Subscriptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The alerts, each user's sequence, what notification knows of cases, and the planned deliveries. */
@Repository
class AlertStore {

    static final String COLUMNS = "id, sequence, recipient, case_id, community_code, urgency, kind, detail,"
            + " created_at, acknowledge_by, read_at, acknowledged_at, escalated_at, escalated_from";

    private final DatabaseClient db;
    private final Subscriptions subscriptions;
    private final AlertTiming timing;

    AlertStore(DatabaseClient db, Subscriptions subscriptions, AlertTiming timing) {
        this.db = db;
        this.subscriptions = subscriptions;
        this.timing = timing;
    }

    /** Records a case event as applied; false when it already was (a redelivery). */
    Mono<Boolean> claimCaseEvent(UUID eventId, UUID caseId, Instant at) {
        return db.sql("insert into processed_case_events (event_id, case_id, processed_at) values (:id, :case, :at)"
                        + " on conflict (event_id) do nothing returning event_id")
                .bind("id", eventId)
                .bind("case", caseId)
                .bind("at", at)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    Mono<Optional<String>> advisorOf(UUID caseId) {
        return db.sql("select advisor_id from case_advisors where case_id = :case")
                .bind("case", caseId)
                .map(row -> Optional.of(Objects.requireNonNull(row.get("advisor_id", String.class))))
                .one()
                .defaultIfEmpty(Optional.empty());
    }

    Mono<Void> assign(UUID caseId, String advisorId, String communityCode, Instant at) {
        return db.sql("insert into case_advisors (case_id, advisor_id, community_code, updated_at)"
                        + " values (:case, :advisor, :community, :at) on conflict (case_id) do update set"
                        + " advisor_id = excluded.advisor_id, community_code = excluded.community_code,"
                        + " updated_at = excluded.updated_at")
                .bind("case", caseId)
                .bind("advisor", advisorId)
                .bind("community", communityCode)
                .bind("at", at)
                .then();
    }

    /**
     * Raises {@code alert} inside the caller's transaction: the recipient's next sequence (a row lock held to the
     * commit, so a user's alerts commit in sequence order), the alert, its console delivery and one delivery per
     * active subscription. Empty when that alert exists already.
     */
    Mono<AlertView> create(NewAlert alert) {
        UUID id = alert.id();
        return db.sql("select 1 from alerts where id = :id")
                .bind("id", id)
                .map(row -> 1)
                .one()
                .hasElement()
                .flatMap(exists -> exists ? Mono.<AlertView>empty() : insert(id, alert));
    }

    private Mono<AlertView> insert(UUID id, NewAlert alert) {
        Mono<Long> sequence = db.sql("insert into user_sequences (user_id, last_sequence) values (:user, 1)"
                        + " on conflict (user_id) do update set last_sequence = user_sequences.last_sequence + 1"
                        + " returning last_sequence")
                .bind("user", alert.recipient())
                .map(row -> Objects.requireNonNull(row.get("last_sequence", Long.class)))
                .one();
        return sequence.zipWith(Mono.deferContextual(context -> Mono.just(TraceParent.from(context))))
                .flatMap(numbered -> {
                    long seq = numbered.getT1();
                    // the trace of the case event that raised it, when it came in one (ADR 0023)
                    String traceparent = numbered.getT2().orElse(null);
                    DatabaseClient.GenericExecuteSpec insert = db.sql("insert into alerts (id, source_id, recipient,"
                                    + " sequence, case_id, community_code, urgency, kind, detail, created_at,"
                                    + " acknowledge_by, escalated_from, traceparent) values (:id, :source, :recipient,"
                                    + " :sequence, :case, :community, :urgency, :kind, :detail, :created, :ackBy, :from,"
                                    + " :trace) returning " + COLUMNS)
                            .bind("id", id)
                            .bind("source", alert.sourceId())
                            .bind("recipient", alert.recipient())
                            .bind("sequence", seq)
                            .bind("case", alert.caseId())
                            .bind("community", alert.communityCode())
                            .bind("urgency", alert.urgency())
                            .bind("kind", alert.kind().name())
                            .bind("detail", alert.detail())
                            .bind("created", alert.createdAt());
                    insert = bindNullable(insert, "ackBy", alert.acknowledgeBy(), Instant.class);
                    insert = bindNullable(insert, "from", alert.escalatedFrom(), UUID.class);
                    insert = bindNullable(insert, "trace", traceparent, String.class);
                    return insert.map(AlertStore::view).one();
                })
                .flatMap(view -> consoleDelivery(view)
                        .thenMany(subscriptions
                                .activeOf(view.recipient())
                                .concatMap(s -> webhookDelivery(
                                        view, s.channel(), s.endpointId(), s.address(), alert.createdAt())))
                        .then(Mono.just(view)));
    }

    private Mono<Void> consoleDelivery(AlertView alert) {
        return db.sql("insert into deliveries (id, alert_id, channel, status, created_at)"
                        + " values (:id, :alert, 'CONSOLE', 'PENDING', :at)")
                .bind("id", deliveryId(alert.id(), AlertChannel.CONSOLE))
                .bind("alert", alert.id())
                .bind("at", alert.createdAt())
                .then();
    }

    private Mono<Void> webhookDelivery(
            AlertView alert, AlertChannel channel, String endpointId, String address, Instant at) {
        return db.sql("insert into deliveries (id, alert_id, channel, endpoint_id, address, status, next_attempt_at,"
                        + " created_at) values (:id, :alert, :channel, :endpoint, :address, 'PENDING', :next, :at)")
                .bind("id", deliveryId(alert.id(), channel))
                .bind("alert", alert.id())
                .bind("channel", channel.name())
                .bind("endpoint", endpointId)
                .bind("address", address)
                .bind("next", timing.sendableAt(at, alert.urgency()))
                .bind("at", at)
                .then();
    }

    /** A delivery's id: also the webhook's Idempotency-Key. */
    static UUID deliveryId(UUID alertId, AlertChannel channel) {
        return Ids.of("delivery", alertId.toString(), channel.name());
    }

    Mono<AlertView> find(UUID id) {
        return db.sql("select " + COLUMNS + " from alerts where id = :id")
                .bind("id", id)
                .map(AlertStore::view)
                .one();
    }

    /** The recipient's alerts with a sequence below {@code before} (all when null), newest first. */
    Flux<AlertView> of(String recipient, boolean unacknowledgedOnly, @Nullable Long before, int limit) {
        DatabaseClient.GenericExecuteSpec query = db.sql("select " + COLUMNS + " from alerts where recipient = :user"
                        + (unacknowledgedOnly ? " and acknowledged_at is null" : "")
                        + (before != null ? " and sequence < :before" : "")
                        + " order by sequence desc limit :limit")
                .bind("user", recipient)
                .bind("limit", limit);
        if (before != null) {
            query = query.bind("before", before);
        }
        return query.map(AlertStore::view).all();
    }

    Flux<AlertView> ofCommunity(String communityCode, int limit) {
        return db.sql("select " + COLUMNS + " from alerts where community_code = :community"
                        + " order by created_at desc, id limit :limit")
                .bind("community", communityCode)
                .bind("limit", limit)
                .map(AlertStore::view)
                .all();
    }

    /** The recipient's alerts after {@code sequence}, in order. */
    Flux<AlertView> after(String recipient, long sequence, int limit) {
        return db.sql("select " + COLUMNS + " from alerts where recipient = :user and sequence > :sequence"
                        + " order by sequence limit :limit")
                .bind("user", recipient)
                .bind("sequence", sequence)
                .bind("limit", limit)
                .map(AlertStore::view)
                .all();
    }

    Mono<Long> latestSequence(String recipient) {
        return db.sql("select last_sequence from user_sequences where user_id = :user")
                .bind("user", recipient)
                .map(row -> Objects.requireNonNull(row.get("last_sequence", Long.class)))
                .one()
                .defaultIfEmpty(0L);
    }

    /** True when an alert after {@code sequence} was raised before {@code cutoff} (out of the replay window). */
    Mono<Boolean> missedBefore(String recipient, long sequence, Instant cutoff) {
        return db.sql("select 1 from alerts where recipient = :user and sequence > :sequence and created_at < :cutoff"
                        + " limit 1")
                .bind("user", recipient)
                .bind("sequence", sequence)
                .bind("cutoff", cutoff)
                .map(row -> 1)
                .one()
                .hasElement();
    }

    Mono<AlertView> markRead(UUID id, String recipient, Instant at) {
        return db.sql("update alerts set read_at = coalesce(read_at, :at) where id = :id and recipient = :user"
                        + " returning " + COLUMNS)
                .bind("id", id)
                .bind("user", recipient)
                .bind("at", at)
                .map(AlertStore::view)
                .one();
    }

    /** Acknowledges the recipient's alert; empty when it is not theirs or was acknowledged before. */
    Mono<AlertView> acknowledge(UUID id, String recipient, @Nullable String note, Instant at) {
        DatabaseClient.GenericExecuteSpec ack = db.sql("with acked as (update alerts set acknowledged_at = :at,"
                        + " read_at = coalesce(read_at, :at) where id = :id and recipient = :user"
                        + " and acknowledged_at is null returning " + COLUMNS + "),"
                        + " noted as (insert into acknowledgements (alert_id, user_id, acknowledged_at, note)"
                        + " select id, recipient, :at, :note from acked)"
                        + " select * from acked")
                .bind("id", id)
                .bind("user", recipient)
                .bind("at", at);
        return bindNullable(ack, "note", note, String.class)
                .map(AlertStore::view)
                .one();
    }

    /** The alerts due to escalate at {@code now}: not acknowledged by their time, not escalated yet. */
    Flux<UUID> dueForEscalation(Instant now, int limit) {
        return db.sql("select id from alerts where acknowledged_at is null and escalated_at is null"
                        + " and acknowledge_by <= :now order by acknowledge_by limit :limit")
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> Objects.requireNonNull(row.get("id", UUID.class)))
                .all();
    }

    /** The alert, locked for the transaction, if it is neither acknowledged nor escalated. */
    Mono<AlertView> lockEscalatable(UUID id) {
        return db.sql("select " + COLUMNS + " from alerts where id = :id and acknowledged_at is null"
                        + " and escalated_at is null for update")
                .bind("id", id)
                .map(AlertStore::view)
                .one();
    }

    Mono<Void> recordEscalation(
            UUID alertId, String reason, @Nullable String escalatedTo, @Nullable UUID escalationAlert, Instant at) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("with marked as (update alerts set escalated_at = :at"
                        + " where id = :id returning id) insert into escalations (alert_id, reason, escalated_to,"
                        + " escalation_alert, escalated_at) select id, :reason, :to, :escalation, :at from marked")
                .bind("id", alertId)
                .bind("reason", reason)
                .bind("at", at);
        insert = bindNullable(insert, "to", escalatedTo, String.class);
        insert = bindNullable(insert, "escalation", escalationAlert, UUID.class);
        return insert.then();
    }

    /** Marks the console delivery of an alert delivered (first time streamed); its delivery id if it was pending. */
    Mono<UUID> markConsoleDelivered(UUID alertId, Instant at) {
        return db.sql("update deliveries set status = 'DELIVERED', attempts = 1, delivered_at = :at"
                        + " where alert_id = :alert and channel = 'CONSOLE' and status = 'PENDING' returning id")
                .bind("alert", alertId)
                .bind("at", at)
                .map(row -> Objects.requireNonNull(row.get("id", UUID.class)))
                .one();
    }

    static AlertView view(Readable row) {
        return new AlertView(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("sequence", Long.class)),
                Objects.requireNonNull(row.get("recipient", String.class)),
                Objects.requireNonNull(row.get("case_id", UUID.class)),
                Objects.requireNonNull(row.get("community_code", String.class)),
                Objects.requireNonNull(row.get("urgency", String.class)),
                AlertKind.valueOf(Objects.requireNonNull(row.get("kind", String.class))),
                Objects.requireNonNull(row.get("detail", String.class)),
                Objects.requireNonNull(row.get("created_at", Instant.class)),
                row.get("acknowledge_by", Instant.class),
                row.get("read_at", Instant.class),
                row.get("acknowledged_at", Instant.class),
                row.get("escalated_at", Instant.class),
                row.get("escalated_from", UUID.class));
    }

    static <T> DatabaseClient.GenericExecuteSpec bindNullable(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
