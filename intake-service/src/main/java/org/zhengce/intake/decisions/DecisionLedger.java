package org.zhengce.intake.decisions;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decisions kept for departments and their delivery log (migration V13), over R2DBC. A decision is kept once per
 * department however often its record is read ({@code (department, decision_id)} unique), under the department's next
 * cursor number, and, when the department has a webhook, with a pending delivery in the same statement.
 */
@Repository
class DecisionLedger {

    /** What {@link #keep} did. */
    enum Kept {
        /** Kept under a new cursor number (and queued for the webhook, if any). */
        NEW,
        /** Kept before: nothing written. */
        ALREADY
    }

    /**
     * A delivery as the department's log shows it.
     *
     * @param webhookId the {@code webhook-id} header (the decision's id)
     * @param cursor the decision's cursor
     * @param status {@code pending}, {@code delivered} or {@code failed} (given up)
     * @param lastStatus the endpoint's last HTTP status; null when it gave none (refused, timed out)
     * @param nextAttempt when it is tried next (pending only)
     */
    record Delivery(
            String webhookId,
            long cursor,
            String status,
            int attempts,
            @Nullable Integer lastStatus,
            @Nullable String lastError,
            @Nullable Instant nextAttempt,
            @Nullable Instant deliveredAt,
            Instant createdAt) {}

    /** A delivery taken for an attempt, with what the attempt needs. */
    record DueDelivery(
            String department,
            long cursor,
            String webhookId,
            int attempt,
            SharedDecision decision,
            String url,
            WebhookRegistry.SealedSecret secret) {}

    private final DatabaseClient db;
    private final JsonMapper json;

    DecisionLedger(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Kept> keep(String department, SharedDecision decision, String source, Instant now) {
        // the department's next number, unless the decision is kept already (a re-delivered record takes none); the
        // cursor row stays locked until this statement commits, so numbers become visible in order
        return db.sql("with next as ("
                        + "  insert into decision_cursors as c (department, last_sequence) values (:department, 1)"
                        + "  on conflict (department) do update set last_sequence = c.last_sequence + 1"
                        + "  where not exists (select 1 from department_decisions d"
                        + "                    where d.department = :department and d.decision_id = :id)"
                        + "  returning last_sequence),"
                        + " kept as ("
                        + "  insert into department_decisions"
                        + "    (department, sequence, decision_id, decided_at, decision, source, received_at)"
                        + "  select :department, last_sequence, :id, :decidedAt, cast(:decision as jsonb), :source, :now"
                        + "  from next on conflict do nothing"
                        + "  returning department, sequence, decision_id),"
                        + " queued as ("
                        + "  insert into decision_deliveries"
                        + "    (department, sequence, webhook_id, status, attempts, next_attempt_at, created_at)"
                        + "  select k.department, k.sequence, k.decision_id, 'pending', 0, :now, :now"
                        + "  from kept k join department_webhooks w on w.department = k.department"
                        + "  returning 1)"
                        + " select (select count(*) from kept) as kept, (select count(*) from queued) as queued")
                .bind("department", department)
                .bind("id", decision.eventId())
                .bind("decidedAt", utc(decision.decidedAt()))
                .bind("decision", json.writeValueAsString(decision))
                .bind("source", source)
                .bind("now", utc(now))
                .map(row -> Objects.requireNonNull(row.get("kept", Long.class)) > 0 ? Kept.NEW : Kept.ALREADY)
                .one();
    }

    /** The department's decisions after {@code cursor}, oldest first. */
    Flux<DecisionMessage> after(String department, long cursor, int limit) {
        return db.sql("select sequence, decision::text as decision from department_decisions"
                        + " where department = :department and sequence > :after order by sequence limit :limit")
                .bind("department", department)
                .bind("after", cursor)
                .bind("limit", limit)
                .map(row -> DecisionMessage.of(
                        Objects.requireNonNull(row.get("sequence", Long.class)),
                        decision(Objects.requireNonNull(row.get("decision", String.class)))))
                .all();
    }

    /** The department's delivery log, newest first. */
    Flux<Delivery> deliveries(String department, int limit) {
        return db.sql("select webhook_id, sequence, status, attempts, last_status, last_error, next_attempt_at,"
                        + " delivered_at, created_at from decision_deliveries where department = :department"
                        + " order by sequence desc limit :limit")
                .bind("department", department)
                .bind("limit", limit)
                .map(row -> new Delivery(
                        Objects.requireNonNull(row.get("webhook_id", String.class)),
                        Objects.requireNonNull(row.get("sequence", Long.class)),
                        Objects.requireNonNull(row.get("status", String.class)),
                        Objects.requireNonNull(row.get("attempts", Integer.class)),
                        row.get("last_status", Integer.class),
                        row.get("last_error", String.class),
                        instant(row, "next_attempt_at"),
                        instant(row, "delivered_at"),
                        Objects.requireNonNull(instant(row, "created_at"))))
                .all();
    }

    /**
     * Takes up to {@code limit} pending deliveries due at {@code now} for an attempt: counts the attempt and moves
     * their next attempt to {@code leaseUntil}, so that no other pass (of this or another instance) takes them
     * meanwhile and an attempt cut short by a crash is taken up again once the lease has passed.
     */
    Flux<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return db.sql("with due as ("
                        + "  select department, sequence from decision_deliveries"
                        + "  where status = 'pending' and next_attempt_at <= :now"
                        + "  order by next_attempt_at limit :limit for update skip locked)"
                        + " update decision_deliveries d set attempts = d.attempts + 1, next_attempt_at = :lease"
                        + " from due, department_decisions dd, department_webhooks w"
                        + " where d.department = due.department and d.sequence = due.sequence"
                        + "   and dd.department = d.department and dd.sequence = d.sequence"
                        + "   and w.department = d.department"
                        + " returning d.department, d.sequence, d.webhook_id, d.attempts, dd.decision::text as decision,"
                        + "   w.url, w.secret_key_id, w.secret_sealed")
                .bind("now", utc(now))
                .bind("lease", utc(leaseUntil))
                .bind("limit", limit)
                .map(row -> new DueDelivery(
                        Objects.requireNonNull(row.get("department", String.class)),
                        Objects.requireNonNull(row.get("sequence", Long.class)),
                        Objects.requireNonNull(row.get("webhook_id", String.class)),
                        Objects.requireNonNull(row.get("attempts", Integer.class)),
                        decision(Objects.requireNonNull(row.get("decision", String.class))),
                        Objects.requireNonNull(row.get("url", String.class)),
                        new WebhookRegistry.SealedSecret(
                                Objects.requireNonNull(row.get("secret_key_id", String.class)),
                                bytes(row.get("secret_sealed")))))
                .all();
    }

    Mono<Void> delivered(String department, long cursor, int status, Instant now) {
        return db.sql("update decision_deliveries set status = 'delivered', last_status = :status, last_error = null,"
                        + " next_attempt_at = null, delivered_at = :now"
                        + " where department = :department and sequence = :cursor")
                .bind("status", status)
                .bind("now", utc(now))
                .bind("department", department)
                .bind("cursor", cursor)
                .then();
    }

    /** Records a failed attempt: tried again at {@code nextAttempt}, or given up ({@code failed}) when null. */
    Mono<Void> attemptFailed(
            String department, long cursor, @Nullable Integer status, String error, @Nullable Instant nextAttempt) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("update decision_deliveries"
                        + " set status = case when cast(:next as timestamptz) is null then 'failed' else 'pending' end,"
                        + " last_status = :status, last_error = :error, next_attempt_at = :next"
                        + " where department = :department and sequence = :cursor")
                .bind("error", error)
                .bind("department", department)
                .bind("cursor", cursor);
        spec = status == null ? spec.bindNull("status", Integer.class) : spec.bind("status", status);
        spec = nextAttempt == null ? spec.bindNull("next", OffsetDateTime.class) : spec.bind("next", utc(nextAttempt));
        return spec.then();
    }

    private SharedDecision decision(String text) {
        return json.readValue(text, SharedDecision.class);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static byte[] bytes(@Nullable Object value) {
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalStateException("secret_sealed is not bytes: " + value);
    }
}
