package org.zhengce.referral.feedback;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.ReferralTier;
import org.zhengce.referral.referrals.ReferralView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The table {@code service_feedback} (V22): one evaluation per service; each call joins the caller's transaction. */
@Repository
class FeedbackStore {

    private static final String SELECT = "select f.*, r.tier, r.programme, r.organisation_id, r.service"
            + " from service_feedback f join case_referrals r on r.id = f.referral_id";

    private final DatabaseClient db;

    FeedbackStore(DatabaseClient db) {
        this.db = db;
    }

    /** Keeps the evaluation of {@code referral}; empty when the service was evaluated already. */
    Mono<ServiceEvaluation> add(
            ReferralView referral, Evaluation evaluation, String recordedBy, String recorderRole, Instant at) {
        UUID id = UUID.randomUUID();
        DatabaseClient.GenericExecuteSpec insert = db.sql("insert into service_feedback (id, referral_id, case_id,"
                        + " satisfaction, delivered, note, recorded_by, recorder_role, recorded_at) values (:id,"
                        + " :referral, :case, :satisfaction, :delivered, :note, :by, :role, :at)"
                        + " on conflict (referral_id) do nothing")
                .bind("id", id)
                .bind("referral", referral.id())
                .bind("case", referral.caseId())
                .bind("satisfaction", evaluation.satisfaction().shortValue())
                .bind("delivered", evaluation.delivered())
                .bind("by", recordedBy)
                .bind("role", recorderRole)
                .bind("at", at);
        String note = evaluation.note();
        insert = note == null || note.isBlank() ? insert.bindNull("note", String.class) : insert.bind("note", note);
        return insert.fetch()
                .rowsUpdated()
                .filter(rows -> rows > 0)
                .map(rows -> new ServiceEvaluation(
                        id,
                        referral.caseId(),
                        referral.id(),
                        referral.tier(),
                        referral.programme(),
                        referral.organisationId(),
                        referral.service(),
                        evaluation.satisfaction(),
                        evaluation.delivered(),
                        note == null || note.isBlank() ? null : note,
                        recordedBy,
                        recorderRole,
                        at));
    }

    /** The evaluations of a case's services, oldest first. */
    Flux<ServiceEvaluation> ofCase(UUID caseId) {
        return db.sql(SELECT + " where f.case_id = :case order by f.recorded_at, f.id")
                .bind("case", caseId)
                .map(FeedbackStore::evaluation)
                .all();
    }

    private static ServiceEvaluation evaluation(Readable row) {
        return new ServiceEvaluation(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("case_id", UUID.class)),
                Objects.requireNonNull(row.get("referral_id", UUID.class)),
                ReferralTier.valueOf(row.get("tier", String.class)),
                row.get("programme", String.class),
                row.get("organisation_id", String.class),
                row.get("service", String.class),
                Objects.requireNonNull(row.get("satisfaction", Short.class)).intValue(),
                Boolean.TRUE.equals(row.get("delivered", Boolean.class)),
                text(row, "note"),
                Objects.requireNonNull(row.get("recorded_by", String.class)),
                Objects.requireNonNull(row.get("recorder_role", String.class)),
                Objects.requireNonNull(row.get("recorded_at", Instant.class)));
    }

    private static @Nullable String text(Readable row, String column) {
        return row.get(column, String.class);
    }
}
