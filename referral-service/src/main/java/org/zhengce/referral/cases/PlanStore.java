package org.zhengce.referral.cases;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.ReferralTier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The tables {@code case_plans} (every version) and {@code case_referrals}. */
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

    Mono<UUID> addReferral(
            UUID caseId,
            int planVersion,
            ReferralTier tier,
            @Nullable String programme,
            @Nullable String organisationId,
            @Nullable String service,
            String status,
            @Nullable Integer reviewIntervalDays,
            Instant at) {
        UUID id = UUID.nameUUIDFromBytes(("referral:" + caseId + ":" + planVersion + ":" + tier + ":" + programme + ":"
                        + organisationId + ":" + service)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DatabaseClient.GenericExecuteSpec insert = db.sql("insert into case_referrals (id, case_id, plan_version,"
                        + " tier, programme, organisation_id, service, status, review_interval_days, created_at,"
                        + " updated_at) values (:id, :case, :plan, :tier, :programme, :organisation, :service, :status,"
                        + " :interval, :at, :at) on conflict (id) do nothing")
                .bind("id", id)
                .bind("case", caseId)
                .bind("plan", planVersion)
                .bind("tier", tier.name())
                .bind("status", status)
                .bind("at", at);
        insert = programme == null ? insert.bindNull("programme", String.class) : insert.bind("programme", programme);
        insert = organisationId == null
                ? insert.bindNull("organisation", String.class)
                : insert.bind("organisation", organisationId);
        insert = service == null ? insert.bindNull("service", String.class) : insert.bind("service", service);
        insert = reviewIntervalDays == null
                ? insert.bindNull("interval", Integer.class)
                : insert.bind("interval", reviewIntervalDays);
        return insert.then().thenReturn(id);
    }

    Flux<ReferralView> referralsOf(UUID caseId) {
        return db.sql("select r.*, c.community_code from case_referrals r join cases c on c.id = r.case_id"
                        + " where r.case_id = :case order by r.created_at, r.id")
                .bind("case", caseId)
                .map(PlanStore::referral)
                .all();
    }

    /** Up to {@code limit} referrals to the organisation, by creation then id, after {@code after} when given. */
    Flux<ReferralView> referralsOfOrganisation(String organisationId, CaseStore.@Nullable Position after, int limit) {
        DatabaseClient.GenericExecuteSpec select = db.sql("select r.*, c.community_code from case_referrals r join"
                        + " cases c on c.id = r.case_id where r.organisation_id = :org"
                        + (after == null ? "" : " and (r.created_at, r.id) > (:at, :id)")
                        + " order by r.created_at, r.id limit :limit")
                .bind("org", organisationId)
                .bind("limit", limit);
        if (after != null) {
            select = select.bind("at", after.at()).bind("id", after.id());
        }
        return select.map(PlanStore::referral).all();
    }

    Mono<ReferralView> referral(UUID referralId, boolean lock) {
        return db.sql("select r.*, c.community_code from case_referrals r join cases c on c.id = r.case_id"
                        + " where r.id = :id" + (lock ? " for update of r" : ""))
                .bind("id", referralId)
                .map(PlanStore::referral)
                .one();
    }

    /** Moves a referral from one of {@code from} to {@code to}; empty when it was not in one of them. */
    Mono<ReferralView> move(
            UUID referralId, java.util.List<String> from, String to, @Nullable String feedback, Instant at) {
        return db.sql("update case_referrals r set status = :to, updated_at = :at,"
                        + " feedback = coalesce(nullif(:feedback, ''), r.feedback) from cases c where r.id = :id"
                        + " and c.id = r.case_id and r.status = any(:from::text[]) returning r.*, c.community_code")
                .bind("id", referralId)
                .bind("to", to)
                .bind("at", at)
                .bind("from", from.toArray(String[]::new))
                .bind("feedback", feedback == null ? "" : feedback)
                .map(PlanStore::referral)
                .one();
    }

    /** The open case's application for {@code programmeCode} still waiting for a decision. */
    Mono<ReferralView> pendingApplication(String householdNumber, String programmeCode) {
        return db.sql("select r.*, c.community_code from case_referrals r join cases c on c.id = r.case_id"
                        + " where c.household_number = :household and c.status = 'OPEN' and r.status = 'APPLIED'"
                        + " and r.programme = :programme order by r.created_at limit 1")
                .bind("household", householdNumber)
                .bind("programme", programmeCode)
                .map(PlanStore::referral)
                .one();
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
                row.get("decision_note", String.class));
    }

    private static ReferralView referral(Readable row) {
        return new ReferralView(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("case_id", UUID.class)),
                Objects.requireNonNull(row.get("community_code", String.class)),
                Objects.requireNonNull(row.get("plan_version", Integer.class)),
                ReferralTier.valueOf(row.get("tier", String.class)),
                row.get("programme", String.class),
                row.get("organisation_id", String.class),
                row.get("service", String.class),
                Objects.requireNonNull(row.get("status", String.class)),
                row.get("review_interval_days", Integer.class),
                Objects.requireNonNull(row.get("created_at", Instant.class)),
                Objects.requireNonNull(row.get("updated_at", Instant.class)),
                row.get("feedback", String.class));
    }
}
