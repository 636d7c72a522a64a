package org.zhengce.referral.visits;

import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The table {@code case_visits}: each visit of a case, its needs and facts as JSON. */
@Repository
class VisitStore {

    private final DatabaseClient db;

    VisitStore(DatabaseClient db) {
        this.db = db;
    }

    /** Records a visit (its needs and facts as JSON); a visit recorded before changes nothing. */
    Mono<Void> add(
            UUID caseId,
            UUID visitId,
            String advisorId,
            Instant visitedAt,
            @Nullable String findings,
            Instant recordedAt,
            String needs,
            String facts) {
        return db.sql("insert into case_visits (id, case_id, visited_at, recorded_at, advisor_id, findings, needs,"
                        + " facts) values (:id, :case, :visitedAt, :recordedAt, :advisor, :findings, :needs, :facts)"
                        + " on conflict (id) do nothing")
                .bind("id", visitId)
                .bind("case", caseId)
                .bind("visitedAt", visitedAt)
                .bind("recordedAt", recordedAt)
                .bind("advisor", advisorId)
                .bind("findings", Parameter.fromOrEmpty(findings, String.class))
                .bind("needs", Json.of(needs))
                .bind("facts", Json.of(facts))
                .then();
    }

    /** The case's visits, oldest first, as stored (needs and facts as JSON text). */
    Flux<StoredVisit> visits(UUID caseId) {
        return visits(caseId, null, Integer.MAX_VALUE);
    }

    /** A visit list's position: the sort key of the visit a page ends with. */
    record VisitPosition(Instant visitedAt, Instant recordedAt, UUID id) {}

    /** Up to {@code limit} visits of the case, by visit time, recording time and id, after {@code after}. */
    Flux<StoredVisit> visits(UUID caseId, @Nullable VisitPosition after, int limit) {
        DatabaseClient.GenericExecuteSpec select = db.sql("select id, visited_at, recorded_at, advisor_id, findings,"
                        + " needs, facts from case_visits where case_id = :case"
                        + (after == null ? "" : " and (visited_at, recorded_at, id) > (:visited, :recorded, :id)")
                        + " order by visited_at, recorded_at, id limit :limit")
                .bind("case", caseId)
                .bind("limit", limit);
        if (after != null) {
            select = select.bind("visited", after.visitedAt())
                    .bind("recorded", after.recordedAt())
                    .bind("id", after.id());
        }
        return select.map(row -> new StoredVisit(
                        Objects.requireNonNull(row.get("id", UUID.class)),
                        Objects.requireNonNull(row.get("visited_at", Instant.class)),
                        Objects.requireNonNull(row.get("recorded_at", Instant.class)),
                        Objects.requireNonNull(row.get("advisor_id", String.class)),
                        row.get("findings", String.class),
                        Objects.requireNonNull(row.get("needs", Json.class)).asString(),
                        Objects.requireNonNull(row.get("facts", Json.class)).asString()))
                .all();
    }

    record StoredVisit(
            UUID id,
            Instant visitedAt,
            Instant recordedAt,
            String advisorId,
            @Nullable String findings,
            String needs,
            String facts) {}
}
