package org.zhengce.referral.referrals;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.timeline.CaseTimeline;
import org.zhengce.referral.timeline.StepType;
import org.zhengce.referral.timeline.TimelineEntry;
import org.zhengce.referral.web.Page;
import org.zhengce.referral.web.PageRequest;
import org.zhengce.referral.web.RequestProblem;
import reactor.core.publisher.Mono;

/**
 * A social organisation answers the referrals made to it: accepts or declines them, then reports back. Only its
 * own referrals (claim {@code organisation}); every answer is a note and a step on the case's timeline, and is
 * audited, refusals too.
 */
@Service
class OrganisationReferrals {

    private final Referrals referrals;
    private final Cases cases;
    private final AuditLog audit;
    private final CaseTimeline timeline;
    private final TransactionalOperator transactions;
    private final Clock clock;

    OrganisationReferrals(
            Referrals referrals,
            Cases cases,
            AuditLog audit,
            CaseTimeline timeline,
            TransactionalOperator transactions,
            Clock clock) {
        this.referrals = referrals;
        this.cases = cases;
        this.audit = audit;
        this.timeline = timeline;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The referrals made to the caller's organisation, oldest first (no household details: the case id and the
     * service).
     */
    Mono<Page<ReferralView>> mine(String organisationId, PageRequest request) {
        Referrals.Position after = request.after(
                parts -> new Referrals.Position(Instant.parse(parts.get(0)), UUID.fromString(parts.get(1))));
        return referrals
                .referralsOfOrganisation(organisationId, after, request.fetch())
                .collectList()
                .map(fetched -> request.page(
                        fetched,
                        referral -> List.of(
                                referral.createdAt().toString(), referral.id().toString())));
    }

    Mono<ReferralView> accept(Caller<Role> caller, String organisationId, UUID referralId) {
        return answer(
                caller,
                organisationId,
                referralId,
                "PROPOSED",
                "ACCEPTED",
                null,
                StepType.REFERRAL_ACCEPTED,
                "accepted");
    }

    Mono<ReferralView> decline(Caller<Role> caller, String organisationId, UUID referralId, String reason) {
        return answer(
                caller,
                organisationId,
                referralId,
                "PROPOSED",
                "DECLINED",
                reason,
                StepType.REFERRAL_DECLINED,
                "declined: " + reason);
    }

    /** Reports back on an accepted referral; {@code completed} ends it. */
    Mono<ReferralView> report(
            Caller<Role> caller, String organisationId, UUID referralId, String feedback, boolean completed) {
        return answer(
                caller,
                organisationId,
                referralId,
                "ACCEPTED",
                completed ? "COMPLETED" : "ACCEPTED",
                feedback,
                StepType.REFERRAL_REPORTED,
                (completed ? "completed: " : "reported: ") + feedback);
    }

    /** The answer as a note on the case and a step of its timeline (at the case's stage as it stands). */
    private Mono<Void> noted(Caller<Role> caller, ReferralView referral, StepType step, String text) {
        Instant at = clock.instant();
        return cases.addNote(referral.caseId(), at, caller.userId(), text)
                .then(timeline.record(referral.caseId(), new TimelineEntry(at, step, caller.userId(), null, text)));
    }

    private Mono<ReferralView> answer(
            Caller<Role> caller,
            String organisationId,
            UUID referralId,
            String from,
            String to,
            @Nullable String feedback,
            StepType step,
            String detail) {
        return referrals
                .referral(referralId, false)
                .switchIfEmpty(Mono.defer(
                        () -> audit.record(caller, AuditAction.CHANGE, null, null, false, "no referral " + referralId)
                                .then(Mono.error(RequestProblem.invalid("referralId", "no referral " + referralId)))))
                .flatMap(seen -> {
                    if (!organisationId.equals(seen.organisationId())) {
                        return audit.record(
                                        caller,
                                        AuditAction.CHANGE,
                                        seen.caseId(),
                                        seen.communityCode(),
                                        false,
                                        "referral " + referralId + " is not to " + organisationId)
                                .then(Mono.error(RequestProblem.forbidden(
                                        "referral " + referralId + " was not made to organisation " + organisationId)));
                    }
                    return referrals
                            .move(referralId, List.of(from), to, feedback, clock.instant())
                            .switchIfEmpty(Mono.error(() -> RequestProblem.conflict("referral " + referralId + " is "
                                    + seen.status() + "; this answer needs it " + from)))
                            .flatMap(moved -> noted(
                                            caller,
                                            moved,
                                            step,
                                            organisationId + " " + detail + " (" + moved.service() + ")")
                                    .then(audit.record(
                                            caller,
                                            AuditAction.CHANGE,
                                            moved.caseId(),
                                            moved.communityCode(),
                                            true,
                                            "referral " + detail))
                                    .thenReturn(moved))
                            .as(transactions::transactional)
                            .onErrorResume(
                                    ErrorResponseException.class,
                                    refused -> audit.record(
                                                    caller,
                                                    AuditAction.CHANGE,
                                                    seen.caseId(),
                                                    seen.communityCode(),
                                                    false,
                                                    refused.getBody().getDetail())
                                            .then(Mono.error(refused)));
                });
    }
}
