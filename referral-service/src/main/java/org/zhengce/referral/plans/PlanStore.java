package org.zhengce.referral.plans;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The table {@code case_plans}: every version of a case's plan. */
@Repository
class PlanStore {

    private final DatabaseClient db;
    private final JsonMapper json;

    PlanStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<PlanView> latest(UUID caseId) {
        return db.sql("select * from case_plans where case_id = :case order by version desc limit 1")
                .bind("case", caseId)
                .map(this::view)
                .one();
    }

    Flux<PlanView> versions(UUID caseId) {
        return db.sql("select * from case_plans where case_id = :case order by version")
                .bind("case", caseId)
                .map(this::view)
                .all();
    }

    /** A new version; the previous draft or rejected one is superseded. */
    Mono<PlanView> add(UUID caseId, PlanBody body, boolean needsApproval, String author, Instant at) {
        return db.sql("update case_plans set status = 'SUPERSEDED' where case_id = :case"
                        + " and status in ('DRAFT', 'PENDING_APPROVAL', 'REJECTED')")
                .bind("case", caseId)
                .then()
                .then(db.sql("insert into case_plans (case_id, version, status, tier, body, committed_amount_fen,"
                                + " created_by, created_at) select :case, coalesce(max(version), 0) + 1, 'DRAFT', :tier,"
                                + " :body, :amount, :author, :at from case_plans where case_id = :case"
                                + " returning *")
                        .bind("case", caseId)
                        .bind("tier", body.tier().name())
                        .bind("body", Json.of(json.writeValueAsString(body)))
                        .bind("amount", body.committedAmountFen())
                        .bind("author", author)
                        .bind("at", at)
                        .map(this::view)
                        .one());
    }

    Mono<PlanView> decide(
            UUID caseId,
            int version,
            PlanView.PlanStatus status,
            @Nullable String by,
            @Nullable String note,
            Instant at) {
        DatabaseClient.GenericExecuteSpec update = db.sql("update case_plans set status = :status,"
                        + " decided_by = :by, decided_at = :at, decision_note = :note"
                        + " where case_id = :case and version = :version returning *")
                .bind("case", caseId)
                .bind("version", version)
                .bind("status", status.name())
                .bind("at", at);
        update = by == null ? update.bindNull("by", String.class) : update.bind("by", by);
        update = note == null ? update.bindNull("note", String.class) : update.bind("note", note);
        return update.map(this::view).one();
    }

    private PlanView view(Readable row) {
        PlanBody body = json.readValue(
                Objects.requireNonNull(row.get("body", Json.class)).asString(), PlanBody.class);
        PlanView.PlanStatus status = PlanView.PlanStatus.valueOf(row.get("status", String.class));
        return new PlanView(
                Objects.requireNonNull(row.get("case_id", UUID.class)),
                Objects.requireNonNull(row.get("version", Integer.class)),
                status,
                body,
                Objects.requireNonNull(row.get("committed_amount_fen", Long.class)),
                false,
                Objects.requireNonNull(row.get("created_by", String.class)),
                Objects.requireNonNull(row.get("created_at", Instant.class)),
                row.get("decided_by", String.class),
                row.get("decided_at", Instant.class),
                row.get("decision_note", String.class),
                List.of());
    }
}
