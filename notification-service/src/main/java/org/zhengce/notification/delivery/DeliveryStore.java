package org.zhengce.notification.delivery;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.AlertChannel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The webhook deliveries: claimed when due, then recorded (each record only while the delivery is pending). */
@Repository
class DeliveryStore {

    private final DatabaseClient db;

    DeliveryStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Claims up to {@code limit} due webhook deliveries until {@code claimUntil} (committed at once, so two
     * dispatchers never take the same one; a claim not recorded by then was a crash, and the delivery is due again).
     * The first claim fixes the give-up time.
     */
    Flux<DueDelivery> claimDue(Instant now, Instant claimUntil, Instant giveUpAt, int limit) {
        return db.sql("with due as (select d.id from deliveries d where d.status = 'PENDING'"
                        + " and d.channel <> 'CONSOLE' and d.next_attempt_at <= :now"
                        + " and (d.claimed_until is null or d.claimed_until < :now)"
                        + " order by d.next_attempt_at limit :limit for update skip locked)"
                        + " update deliveries d set claimed_until = :until, give_up_at = coalesce(d.give_up_at, :giveUp)"
                        + " from due, alerts a, webhook_endpoints e"
                        + " where d.id = due.id and a.id = d.alert_id and e.id = d.endpoint_id"
                        + " returning d.id, d.alert_id, d.channel, d.address, d.attempts, d.give_up_at,"
                        + " e.id as endpoint_id, e.url, e.secret, e.enabled, a.recipient, a.case_id,"
                        + " a.community_code, a.urgency, a.kind, a.detail, a.created_at, a.traceparent")
                .bind("now", now)
                .bind("until", claimUntil)
                .bind("giveUp", giveUpAt)
                .bind("limit", limit)
                .map(DeliveryStore::due)
                .all();
    }

    Mono<Boolean> delivered(UUID id, int attempts, Instant at) {
        return db.sql("update deliveries set status = 'DELIVERED', attempts = :attempts, delivered_at = :at,"
                        + " claimed_until = null, last_error = null where id = :id and status = 'PENDING' returning id")
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("at", at)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    Mono<Boolean> retryAt(UUID id, int attempts, Instant next, String error) {
        return db.sql("update deliveries set attempts = :attempts, next_attempt_at = :next, claimed_until = null,"
                        + " last_error = :error where id = :id and status = 'PENDING' returning id")
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("next", next)
                .bind("error", error)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    Mono<Boolean> failed(UUID id, int attempts, String error) {
        return db.sql("update deliveries set status = 'FAILED', attempts = :attempts, claimed_until = null,"
                        + " last_error = :error where id = :id and status = 'PENDING' returning id")
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("error", error)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    private static DueDelivery due(Readable row) {
        return new DueDelivery(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("alert_id", UUID.class)),
                AlertChannel.valueOf(Objects.requireNonNull(row.get("channel", String.class))),
                Objects.requireNonNull(row.get("address", String.class)),
                Objects.requireNonNull(row.get("attempts", Integer.class)),
                Objects.requireNonNull(row.get("give_up_at", Instant.class)),
                Objects.requireNonNull(row.get("endpoint_id", String.class)),
                Objects.requireNonNull(row.get("url", String.class)),
                Objects.requireNonNull(row.get("secret", String.class)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                Objects.requireNonNull(row.get("recipient", String.class)),
                Objects.requireNonNull(row.get("case_id", UUID.class)),
                Objects.requireNonNull(row.get("community_code", String.class)),
                Objects.requireNonNull(row.get("urgency", String.class)),
                Objects.requireNonNull(row.get("kind", String.class)),
                Objects.requireNonNull(row.get("detail", String.class)),
                Objects.requireNonNull(row.get("created_at", Instant.class)),
                row.get("traceparent", String.class));
    }
}
