package org.zhengce.referral.referrals;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.zhengce.events.ReferralTier;
import org.zhengce.referral.cases.CaseReferrals;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The referrals of cases (every row of {@code case_referrals}): made by a confirmed plan (a resource
 * {@code PROPOSED}, a programme {@code APPLIED}, tracking {@code ACTIVE}), answered by organisations, moved by
 * departments' decisions, ended when the case closes. Each call runs in the caller's transaction.
 */
@Service
public class Referrals implements CaseReferrals {

    private final DatabaseClient db;

    Referrals(DatabaseClient db) {
        this.db = db;
    }

    /** A list's position: the sort key of the referral a page ends with. */
    record Position(Instant at, UUID id) {}

    /** A referral of plan version {@code planVersion}; the same referral made twice is kept once. Emits its id. */
    public Mono<UUID> add(
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

    /** The referrals of a case, oldest first. */
    public Flux<ReferralView> ofCase(UUID caseId) {
        return db.sql("select r.*, c.community_code from case_referrals r join cases c on c.id = r.case_id"
                        + " where r.case_id = :case order by r.created_at, r.id")
                .bind("case", caseId)
                .map(Referrals::referral)
                .all();
    }

    /** Up to {@code limit} referrals to the organisation, by creation then id, after {@code after} when given. */
    Flux<ReferralView> referralsOfOrganisation(String organisationId, @Nullable Position after, int limit) {
        DatabaseClient.GenericExecuteSpec select = db.sql("select r.*, c.community_code from case_referrals r join"
                        + " cases c on c.id = r.case_id where r.organisation_id = :org"
                        + (after == null ? "" : " and (r.created_at, r.id) > (:at, :id)")
                        + " order by r.created_at, r.id limit :limit")
                .bind("org", organisationId)
                .bind("limit", limit);
        if (after != null) {
            select = select.bind("at", after.at()).bind("id", after.id());
        }
        return select.map(Referrals::referral).all();
    }

    /** The referral {@code referralId} with its case's community, locked when {@code lock}; empty when there is none. */
    public Mono<ReferralView> referral(UUID referralId, boolean lock) {
        return db.sql("select r.*, c.community_code from case_referrals r join cases c on c.id = r.case_id"
                        + " where r.id = :id" + (lock ? " for update of r" : ""))
                .bind("id", referralId)
                .map(Referrals::referral)
                .one();
    }

    /** Moves a referral from one of {@code from} to {@code to}; empty when it was not in one of them. */
    public Mono<ReferralView> move(
            UUID referralId, List<String> from, String to, @Nullable String feedback, Instant at) {
        return db.sql("update case_referrals r set status = :to, updated_at = :at,"
                        + " feedback = coalesce(nullif(:feedback, ''), r.feedback) from cases c where r.id = :id"
                        + " and c.id = r.case_id and r.status = any(:from::text[]) returning r.*, c.community_code")
                .bind("id", referralId)
                .bind("to", to)
                .bind("at", at)
                .bind("from", from.toArray(String[]::new))
                .bind("feedback", feedback == null ? "" : feedback)
                .map(Referrals::referral)
                .one();
    }

    /** The open case's application for {@code programmeCode} still waiting for a decision. */
    public Mono<ReferralView> pendingApplication(String householdNumber, String programmeCode) {
        return db.sql("select r.*, c.community_code from case_referrals r join cases c on c.id = r.case_id"
                        + " where c.household_number = :household and c.status = 'OPEN' and r.status = 'APPLIED'"
                        + " and r.programme = :programme order by r.created_at limit 1")
                .bind("household", householdNumber)
                .bind("programme", programmeCode)
                .map(Referrals::referral)
                .one();
    }

    @Override
    public Mono<Integer> openOf(UUID caseId) {
        return db.sql("select count(*) from case_referrals where case_id = :case"
                        + " and status in ('PROPOSED', 'ACCEPTED', 'APPLIED')")
                .bind("case", caseId)
                .map(row -> Objects.requireNonNull(row.get(0, Long.class)).intValue())
                .one();
    }

    @Override
    public Mono<Void> endTracking(UUID caseId, Instant at) {
        return db.sql("update case_referrals set status = 'ENDED', updated_at = :at where case_id = :case"
                        + " and status = 'ACTIVE'")
                .bind("case", caseId)
                .bind("at", at)
                .then();
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
