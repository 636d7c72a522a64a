package org.zhengce.referral.tips;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The tips referral received, over R2DBC, in the caller's transaction. */
@Repository
class TipStore {

    /** A received tip: who reported it, about which community, and the case it opened or joined, if any. */
    record Tip(
            String platformEventId,
            String reporterId,
            String communityCode,
            @Nullable UUID caseId,
            Instant reportedAt) {}

    private final DatabaseClient db;

    TipStore(DatabaseClient db) {
        this.db = db;
    }

    /** Keeps the tip once; emits false when it was received before (a redelivery). */
    Mono<Boolean> claim(
            String platformEventId,
            String reporterId,
            String household,
            String community,
            String urgency,
            List<String> needs,
            Instant reportedAt,
            Instant receivedAt) {
        return db.sql("insert into tips (platform_event_id, reporter_id, household_number, community_code, urgency,"
                        + " needs, reported_at, received_at) values (:id, :reporter, :household, :community,"
                        + " :urgency, :needs, :reported, :received) on conflict (platform_event_id) do nothing")
                .bind("id", platformEventId)
                .bind("reporter", reporterId)
                .bind("household", household)
                .bind("community", community)
                .bind("urgency", urgency)
                .bind("needs", needs.toArray(String[]::new))
                .bind("reported", reportedAt)
                .bind("received", receivedAt)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** The case the tip opened or joined. */
    Mono<Void> caseOf(String platformEventId, UUID caseId) {
        return db.sql("update tips set case_id = :case where platform_event_id = :id")
                .bind("id", platformEventId)
                .bind("case", caseId)
                .then();
    }

    Mono<Tip> find(String platformEventId) {
        return db.sql("select platform_event_id, reporter_id, community_code, case_id, reported_at from tips"
                        + " where platform_event_id = :id")
                .bind("id", platformEventId)
                .map(row -> new Tip(
                        Objects.requireNonNull(row.get("platform_event_id", String.class)),
                        Objects.requireNonNull(row.get("reporter_id", String.class)),
                        Objects.requireNonNull(row.get("community_code", String.class)),
                        row.get("case_id", UUID.class),
                        Objects.requireNonNull(row.get("reported_at", Instant.class))))
                .one();
    }
}
