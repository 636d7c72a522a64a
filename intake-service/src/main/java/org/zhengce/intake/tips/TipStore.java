package org.zhengce.intake.tips;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.ReporterRole;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The reporters and their tips, over R2DBC. */
@Repository
class TipStore {

    private final DatabaseClient db;

    TipStore(DatabaseClient db) {
        this.db = db;
    }

    /** The enabled reporter signed in as {@code reporterId}; empty when not registered or disabled. */
    Mono<Reporter> reporter(String reporterId) {
        return db.sql("select reporter_id, reporter_role, community_code, vouched_by from reporters"
                        + " where reporter_id = :id and enabled")
                .bind("id", reporterId)
                .map(row -> new Reporter(
                        text(row, "reporter_id"),
                        ReporterRole.valueOf(text(row, "reporter_role")),
                        text(row, "community_code"),
                        text(row, "vouched_by")))
                .one();
    }

    /** Keeps an accepted tip once (a re-send of the same tip keeps nothing more). */
    Mono<Void> keep(Reporter reporter, String eventId, SentTip tip) {
        return db.sql("insert into tips (platform_event_id, reporter_id, event_id, household_number, community_code,"
                        + " needs, urgency, reported_at) values (:id, :reporter, :eventId, :household, :community,"
                        + " :needs, :urgency, :at) on conflict (platform_event_id) do nothing")
                .bind("id", tip.platformEventId())
                .bind("reporter", reporter.id())
                .bind("eventId", eventId)
                .bind("household", tip.householdNumber())
                .bind("community", tip.communityCode())
                .bind("needs", tip.needs().toArray(String[]::new))
                .bind("urgency", tip.urgency())
                .bind("at", tip.reportedAt())
                .then();
    }

    /** When the reporter's tip {@code eventId} was first reported; empty if it was never accepted. */
    Mono<Instant> reportedAt(String reporterId, String eventId) {
        return db.sql("select reported_at from tips where reporter_id = :reporter and event_id = :eventId")
                .bind("reporter", reporterId)
                .bind("eventId", eventId)
                .map(row -> Objects.requireNonNull(row.get("reported_at", Instant.class)))
                .one();
    }

    /** The reporter's tips, newest first, at most {@code limit}. */
    Flux<SentTip> of(String reporterId, int limit) {
        return db.sql("select platform_event_id, household_number, community_code, needs, urgency, reported_at"
                        + " from tips where reporter_id = :reporter order by reported_at desc limit :limit")
                .bind("reporter", reporterId)
                .bind("limit", limit)
                .map(row -> new SentTip(
                        Objects.requireNonNull(row.get("platform_event_id", UUID.class)),
                        text(row, "household_number"),
                        text(row, "community_code"),
                        List.of(Objects.requireNonNull(row.get("needs", String[].class))),
                        text(row, "urgency"),
                        Objects.requireNonNull(row.get("reported_at", Instant.class)),
                        "received"))
                .all();
    }

    private static String text(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class));
    }
}
