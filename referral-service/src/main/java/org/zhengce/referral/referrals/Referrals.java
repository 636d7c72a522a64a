package org.zhengce.referral.referrals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

    private final ReferralStore store;

    Referrals(ReferralStore store) {
        this.store = store;
    }

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
        return store.addReferral(
                caseId, planVersion, tier, programme, organisationId, service, status, reviewIntervalDays, at);
    }

    /** The referrals of a case, oldest first. */
    public Flux<ReferralView> ofCase(UUID caseId) {
        return store.referralsOf(caseId);
    }

    /** Moves a referral from one of {@code from} to {@code to}; empty when it was not in one of them. */
    public Mono<ReferralView> move(
            UUID referralId, List<String> from, String to, @Nullable String feedback, Instant at) {
        return store.move(referralId, from, to, feedback, at);
    }

    /** The household's open case's application for {@code programmeCode} still waiting for a decision. */
    public Mono<ReferralView> pendingApplication(String householdNumber, String programmeCode) {
        return store.pendingApplication(householdNumber, programmeCode);
    }

    @Override
    public Mono<Integer> openOf(UUID caseId) {
        return store.openReferrals(caseId);
    }

    @Override
    public Mono<Void> endTracking(UUID caseId, Instant at) {
        return store.endTracking(caseId, at);
    }
}
