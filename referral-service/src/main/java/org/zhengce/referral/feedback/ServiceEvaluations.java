package org.zhengce.referral.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.referrals.ReferralView;
import org.zhengce.referral.referrals.Referrals;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.timeline.CaseTimeline;
import org.zhengce.referral.timeline.StepType;
import org.zhengce.referral.timeline.TimelineEntry;
import reactor.core.publisher.Mono;

/**
 * The households' evaluations of the services delivered to them. The case's advisor or supervisor (jurisdiction
 * checked by {@link Cases#within}) or the organisation that gave the service records one per service, once the
 * service was delivered (a programme {@code GRANTED}, a referral {@code COMPLETED}); the evaluation is a step of
 * the case's timeline and audited as a change of the case, and every refusal is audited too.
 */
@Service
public class ServiceEvaluations {

    /** The statuses of a service that reached the household and may be evaluated. */
    static final List<String> DELIVERED = List.of("GRANTED", "COMPLETED");

    private final FeedbackStore store;
    private final Referrals referrals;
    private final Cases cases;
    private final AuditLog audit;
    private final CaseTimeline timeline;
    private final TransactionalOperator transactions;
    private final Clock clock;

    ServiceEvaluations(
            FeedbackStore store,
            Referrals referrals,
            Cases cases,
            AuditLog audit,
            CaseTimeline timeline,
            TransactionalOperator transactions,
            Clock clock) {
        this.store = store;
        this.referrals = referrals;
        this.cases = cases;
        this.audit = audit;
        this.timeline = timeline;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The evaluations of a case's services, oldest first; the read audited. */
    public Mono<List<ServiceEvaluation>> ofCase(Caller<Role> caller, UUID caseId) {
        return cases.within(
                caller,
                caseId,
                AuditAction.READ,
                "service evaluations",
                state -> store.ofCase(caseId).collectList());
    }

    /** Recorded by the case's advisor or supervisor, on one of the case's services. */
    Mono<ServiceEvaluation> byCaseWorker(Caller<Role> caller, UUID caseId, UUID referralId, Evaluation evaluation) {
        String role = caller.has(Role.SUPERVISOR) && !caller.has(Role.ADVISOR) ? "SUPERVISOR" : "ADVISOR";
        return cases.within(
                caller,
                caseId,
                AuditAction.CHANGE,
                "service " + referralId + " evaluated: satisfaction " + evaluation.satisfaction() + ", delivered "
                        + evaluation.delivered(),
                state -> referrals
                        .referral(referralId, true)
                        .filter(referral -> referral.caseId().equals(caseId))
                        .switchIfEmpty(Mono.error(() -> FeedbackProblem.unknownService(referralId)))
                        .flatMap(referral -> keep(
                                caller,
                                referral,
                                evaluation,
                                role,
                                state.stage().name())));
    }

    /** Recorded by the staff of the organisation that gave the service (claim {@code organisation}). */
    Mono<ServiceEvaluation> byOrganisation(
            Caller<Role> caller, String organisationId, UUID referralId, Evaluation evaluation) {
        return referrals
                .referral(referralId, false)
                .switchIfEmpty(Mono.defer(
                        () -> audit.record(caller, AuditAction.CHANGE, null, null, false, "no service " + referralId)
                                .then(Mono.error(FeedbackProblem.unknownService(referralId)))))
                .flatMap(seen -> {
                    if (!organisationId.equals(seen.organisationId())) {
                        FeedbackProblem refused = FeedbackProblem.notTheOrganisations(referralId, organisationId);
                        return audit.record(
                                        caller,
                                        AuditAction.CHANGE,
                                        seen.caseId(),
                                        seen.communityCode(),
                                        false,
                                        refused.getBody().getDetail())
                                .then(Mono.error(refused));
                    }
                    return referrals
                            .referral(referralId, true)
                            .flatMap(referral -> keep(caller, referral, evaluation, "ORGANISATION", null)
                                    .flatMap(kept -> audit.record(
                                                    caller,
                                                    AuditAction.CHANGE,
                                                    referral.caseId(),
                                                    referral.communityCode(),
                                                    true,
                                                    "service " + referralId + " evaluated: satisfaction "
                                                            + evaluation.satisfaction() + ", delivered "
                                                            + evaluation.delivered())
                                            .thenReturn(kept)))
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

    /** The evaluation kept and its step on the case's timeline, in the caller's transaction. */
    private Mono<ServiceEvaluation> keep(
            Caller<Role> caller,
            ReferralView referral,
            Evaluation evaluation,
            String role,
            @org.jspecify.annotations.Nullable String stage) {
        if (!DELIVERED.contains(referral.status())) {
            return Mono.error(FeedbackProblem.notDelivered(referral.id(), referral.status()));
        }
        Instant at = clock.instant();
        return store.add(referral, evaluation, caller.userId(), role, at)
                .switchIfEmpty(Mono.error(() -> FeedbackProblem.alreadyEvaluated(referral.id())))
                .flatMap(kept -> timeline.record(
                                referral.caseId(),
                                new TimelineEntry(at, StepType.SERVICE_EVALUATED, caller.userId(), stage, text(kept)))
                        .thenReturn(kept));
    }

    /** The timeline's line: which service, the satisfaction, whether it reached the household, the note. */
    private static String text(ServiceEvaluation evaluation) {
        String service = evaluation.programme() != null
                ? evaluation.programme()
                : evaluation.organisationId() + " (" + evaluation.service() + ")";
        return "evaluated " + service + ": satisfaction " + evaluation.satisfaction() + "/5, "
                + (evaluation.delivered() ? "delivered" : "not delivered by the household's account")
                + (evaluation.note() == null ? "" : ": " + evaluation.note());
    }
}
