package org.zhengce.referral.plans;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.zhengce.events.ReferralTier;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.cases.CaseCommand;
import org.zhengce.referral.cases.CaseStage;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.cases.CaseTransitionRefused;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.cases.Planning;
import org.zhengce.referral.plans.PlanBody.PlannedProgramme;
import org.zhengce.referral.plans.PlanBody.PlannedResource;
import org.zhengce.referral.plans.PlanView.PlanStatus;
import org.zhengce.referral.policies.Eligibility;
import org.zhengce.referral.policies.Ineligibility;
import org.zhengce.referral.policies.PolicyEvaluation;
import org.zhengce.referral.policies.PolicyLibrary;
import org.zhengce.referral.policies.ProgrammeDefinition;
import org.zhengce.referral.referrals.ReferralView;
import org.zhengce.referral.referrals.Referrals;
import org.zhengce.referral.resources.MatchedResource;
import org.zhengce.referral.resources.ResourceLibrary;
import org.zhengce.referral.resources.ResourceMatch;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.timeline.CaseTimeline;
import org.zhengce.referral.timeline.StepType;
import org.zhengce.referral.timeline.TimelineEntry;
import org.zhengce.referral.visits.Need;
import org.zhengce.referral.visits.VisitView;
import org.zhengce.referral.web.IfMatch;
import org.zhengce.referral.web.RequestProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One household, one plan (一户一策). Drafted when a case is verified: the programmes the household may qualify for
 * (the policy library's rules against the facts verified on the visit, with the rule that matched), the resources
 * that fit its needs (respecting capacity), the proposed tier. The advisor edits and confirms it; a plan committing
 * more than {@code referral.plans.approval-above-fen}, or holding a programme whose amount is unknown (added by the
 * advisor against the rules), waits for a supervisor who is not its author (maker-checker, {@link PlanApproval}). Confirmed, it sets the referrals going and the case is referred by tier. Every version is kept.
 */
@Service
public class CasePlans implements Planning {

    private final Cases cases;
    private final PlanStore store;
    private final Referrals referrals;
    private final PolicyLibrary policies;
    private final ResourceLibrary resources;
    private final PlanSettings settings;
    private final PlanApproval approval;
    private final CaseTimeline timeline;
    private final Clock clock;

    CasePlans(
            Cases cases,
            PlanStore store,
            Referrals referrals,
            PolicyLibrary policies,
            ResourceLibrary resources,
            PlanSettings settings,
            PlanApproval approval,
            CaseTimeline timeline,
            Clock clock) {
        this.cases = cases;
        this.store = store;
        this.referrals = referrals;
        this.policies = policies;
        this.resources = resources;
        this.settings = settings;
        this.approval = approval;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** An advisor's version of the plan: the programme codes, the resources per need, the tier. */
    public record PlanRequest(
            ReferralTier tier,
            List<String> programmes,
            List<ResourceChoice> resources,
            @Nullable Integer reviewIntervalDays,
            long oneOffAssistanceFen,
            @Nullable String note) {

        public record ResourceChoice(String serviceItem, String organisationId) {}
    }

    /** The first draft, inside the verification's transaction (the case just verified). */
    @Override
    public Mono<Void> draft(CaseState verified, Optional<VisitView> visit, String author) {
        List<Need> needs = visit.map(VisitView::needs).orElse(List.of());
        List<String> notEligible = new ArrayList<>();
        List<PlannedProgramme> programmes = new ArrayList<>();
        if (visit.isPresent() && visit.get().facts() != null) {
            PolicyEvaluation evaluation = policies.assess(
                    verified.household().communityCode(), visit.get().facts());
            for (Eligibility eligible : evaluation.eligible()) {
                programmes.add(planned(eligible));
            }
            for (Ineligibility not : evaluation.notEligible()) {
                notEligible.add(not.programmeCode() + ": " + not.explanation());
            }
        } else {
            notEligible.add(
                    "no household facts were recorded on the visit: record them to evaluate the policy" + " library");
        }
        return matched(verified.household().communityCode(), needs)
                .flatMap(planned -> {
                    ReferralTier tier = !programmes.isEmpty()
                            ? ReferralTier.COMPREHENSIVE_SERVICE
                            : !planned.isEmpty() ? ReferralTier.REFERRAL : ReferralTier.TRACKING;
                    PlanBody body = new PlanBody(
                            tier,
                            programmes,
                            planned,
                            needs,
                            tier == ReferralTier.TRACKING ? settings.reviewIntervalDays() : null,
                            0,
                            null,
                            notEligible);
                    return store.add(verified.id(), body, needsApproval(body), author, clock.instant())
                            .map(this::withApproval)
                            .flatMap(plan -> step(verified, PlanSteps.written(plan, verified), plan));
                })
                .then();
    }

    /** The latest version; the read audited. */
    public Mono<PlanView> plan(Caller<Role> caller, UUID caseId) {
        return cases.within(caller, caseId, AuditAction.READ, "plan", state -> latest(state));
    }

    /** Every version, oldest first; the read audited. */
    public Mono<List<PlanView>> versions(Caller<Role> caller, UUID caseId) {
        return cases.within(
                caller,
                caseId,
                AuditAction.READ,
                "plan versions",
                state -> store.versions(caseId).map(this::withApproval).collectList());
    }

    /**
     * A new version from the advisor's choices: programmes from the library, resources covering the community. Every
     * change of a plan takes an optional {@code If-Match} naming the plan version it was made on, checked under the
     * case's lock (412 naming the version, who changed it and when).
     */
    public Mono<PlanView> redraft(Caller<Role> caller, UUID caseId, PlanRequest request, IfMatch ifMatch) {
        return cases.within(caller, caseId, AuditAction.CHANGE, "plan redrafted", state -> {
            requirePlanning(state);
            return latest(state)
                    .flatMap(previous -> body(state, fresh(previous, ifMatch).plan(), request))
                    .flatMap(body -> store.add(caseId, body, needsApproval(body), caller.userId(), clock.instant()))
                    .map(this::withApproval)
                    .flatMap(plan -> step(state, PlanSteps.written(plan, state), plan));
        });
    }

    /** The advisor confirms the latest draft: above the approval amount it waits for a supervisor. */
    public Mono<PlanView> confirm(Caller<Role> caller, UUID caseId, IfMatch ifMatch) {
        return cases.within(caller, caseId, AuditAction.CHANGE, "plan confirmed", state -> {
            requirePlanning(state);
            return latest(state).flatMap(plan -> {
                fresh(plan, ifMatch);
                requireStatus(state, plan, PlanStatus.DRAFT);
                if (plan.needsApproval()) {
                    Instant at = clock.instant();
                    return store.decide(
                                    caseId,
                                    plan.version(),
                                    PlanStatus.PENDING_APPROVAL,
                                    caller.userId(),
                                    "waiting for a supervisor: "
                                            + String.join(
                                                    "; ",
                                                    plan.approvalReasons().stream()
                                                            .map(ApprovalReason::explanation)
                                                            .toList()),
                                    at)
                            .map(this::withApproval)
                            .flatMap(pending -> step(
                                    state,
                                    PlanSteps.decided(
                                            StepType.PLAN_SUBMITTED, pending, state, caller.userId(), null, at),
                                    pending));
                }
                return confirmed(caller, state, plan, null, StepType.PLAN_CONFIRMED);
            });
        });
    }

    /** A supervisor who did not write the plan approves it (maker-checker). */
    public Mono<PlanView> approve(Caller<Role> caller, UUID caseId, @Nullable String note, IfMatch ifMatch) {
        return cases.within(
                caller,
                caseId,
                AuditAction.CHANGE,
                "plan approved",
                state -> latest(state).flatMap(plan -> {
                    fresh(plan, ifMatch);
                    checker(caller, state, plan);
                    return confirmed(caller, state, plan, note, StepType.PLAN_APPROVED);
                }));
    }

    /** A supervisor sends the plan back to the advisor. */
    public Mono<PlanView> reject(Caller<Role> caller, UUID caseId, String note, IfMatch ifMatch) {
        return cases.within(
                caller,
                caseId,
                AuditAction.CHANGE,
                "plan rejected",
                state -> latest(state).flatMap(plan -> {
                    fresh(plan, ifMatch);
                    checker(caller, state, plan);
                    Instant at = clock.instant();
                    return store.decide(caseId, plan.version(), PlanStatus.REJECTED, caller.userId(), note, at)
                            .map(this::withApproval)
                            .flatMap(rejected -> step(
                                    state,
                                    PlanSteps.decided(
                                            StepType.PLAN_REJECTED, rejected, state, caller.userId(), note, at),
                                    rejected));
                }));
    }

    /** The referrals of a case; the read audited. */
    public Mono<List<ReferralView>> referrals(Caller<Role> caller, UUID caseId) {
        return cases.within(
                caller,
                caseId,
                AuditAction.READ,
                "referrals",
                state -> referrals.ofCase(caseId).collectList());
    }

    private Mono<PlanView> confirmed(
            Caller<Role> caller, CaseState state, PlanView plan, @Nullable String note, StepType step) {
        PlanBody body = plan.plan();
        Instant at = clock.instant();
        List<CaseCommand> refers = new ArrayList<>();
        List<Mono<?>> rows = new ArrayList<>();
        // the other tiers first, the plan's own tier last: the case's tier is the plan's
        for (PlannedResource resource : body.resources()) {
            rows.add(resources
                    .reserve(resource.organisationId())
                    .then(referrals.add(
                            state.id(),
                            plan.version(),
                            ReferralTier.REFERRAL,
                            null,
                            resource.organisationId(),
                            resource.serviceItem(),
                            "PROPOSED",
                            null,
                            at)));
            refers.add(new CaseCommand.Refer(
                    ReferralTier.REFERRAL,
                    null,
                    resource.organisationId(),
                    resource.organisationName(),
                    null,
                    resource.serviceItem(),
                    at));
        }
        for (PlannedProgramme programme : body.programmes()) {
            rows.add(referrals.add(
                    state.id(),
                    plan.version(),
                    ReferralTier.COMPREHENSIVE_SERVICE,
                    programme.code(),
                    null,
                    null,
                    "APPLIED",
                    null,
                    at));
            refers.add(new CaseCommand.Refer(
                    ReferralTier.COMPREHENSIVE_SERVICE,
                    programme.symbol(),
                    null,
                    null,
                    null,
                    "application: " + programme.code(),
                    at));
        }
        if (body.tier() == ReferralTier.TRACKING) {
            int interval =
                    body.reviewIntervalDays() == null ? settings.reviewIntervalDays() : body.reviewIntervalDays();
            rows.add(referrals.add(
                    state.id(), plan.version(), ReferralTier.TRACKING, null, null, null, "ACTIVE", interval, at));
            refers.add(new CaseCommand.Refer(ReferralTier.TRACKING, null, null, null, interval, body.note(), at));
        } else {
            sortPrimaryLast(refers, body.tier());
        }
        // the decision first in the timeline, then the referrals it made
        return timeline.record(state.id(), PlanSteps.decided(step, plan, state, caller.userId(), note, at))
                .thenMany(Flux.concat(rows))
                .then(cases.apply(state, refers, caller.userId()))
                .then(store.decide(state.id(), plan.version(), PlanStatus.CONFIRMED, caller.userId(), note, at))
                .map(this::withApproval);
    }

    private static void sortPrimaryLast(List<CaseCommand> refers, ReferralTier primary) {
        refers.sort(java.util.Comparator.comparing(c -> ((CaseCommand.Refer) c).tier() == primary));
    }

    private Mono<PlanBody> body(CaseState state, PlanBody previous, PlanRequest request) {
        List<PlannedProgramme> programmes = new ArrayList<>();
        for (int i = 0; i < request.programmes().size(); i++) {
            String code = request.programmes().get(i);
            Optional<ProgrammeDefinition> definition = policies.programme(code);
            if (definition.isEmpty()) {
                throw RequestProblem.invalid(
                        "programmes[" + i + "]", "no programme " + code + " in the policy library");
            }
            programmes.add(previous.programmes().stream()
                    .filter(p -> p.code().equals(code))
                    .findFirst()
                    .orElseGet(() -> new PlannedProgramme(
                            code,
                            definition.get().nameZh(),
                            definition.get().symbol(),
                            List.of(),
                            "added by the advisor; the rules did not propose it",
                            null)));
        }
        if (request.tier() == ReferralTier.COMPREHENSIVE_SERVICE && programmes.isEmpty()) {
            throw RequestProblem.invalid(
                    "programmes", "a comprehensive-service plan applies for at least one programme");
        }
        if (request.tier() == ReferralTier.REFERRAL && request.resources().isEmpty()) {
            throw RequestProblem.invalid("resources", "a referral plan refers to at least one resource");
        }
        if (request.tier() == ReferralTier.UNKNOWN) {
            throw RequestProblem.invalid("tier", "one of COMPREHENSIVE_SERVICE, REFERRAL, TRACKING");
        }
        if (request.oneOffAssistanceFen() < 0) {
            throw RequestProblem.invalid("oneOffAssistanceFen", "must not be negative");
        }
        List<String> items = request.resources().stream()
                .map(PlanRequest.ResourceChoice::serviceItem)
                .distinct()
                .toList();
        return resources.match(state.household().communityCode(), items).map(matches -> {
            List<PlannedResource> planned = new ArrayList<>();
            for (int i = 0; i < request.resources().size(); i++) {
                PlanRequest.ResourceChoice choice = request.resources().get(i);
                String field = "resources[" + i + "]";
                Optional<MatchedResource> offered = matches.stream()
                        .filter(m -> m.serviceItem().equals(choice.serviceItem()))
                        .flatMap(m -> m.available().stream())
                        .filter(r -> r.organisationId().equals(choice.organisationId()))
                        .findFirst();
                if (offered.isEmpty()) {
                    throw RequestProblem.invalid(
                            field,
                            choice.organisationId() + " does not offer " + choice.serviceItem() + " in community "
                                    + state.household().communityCode() + " with free capacity");
                }
                planned.add(new PlannedResource(
                        choice.serviceItem(),
                        offered.get().organisationId(),
                        offered.get().name(),
                        offered.get().kind().name()));
            }
            return new PlanBody(
                    request.tier(),
                    programmes,
                    planned,
                    previous.needs(),
                    request.reviewIntervalDays(),
                    request.oneOffAssistanceFen(),
                    request.note(),
                    previous.notEligible());
        });
    }

    /** For each need, the resource with the most free capacity covering the community, if any. */
    private Mono<List<PlannedResource>> matched(String communityCode, List<Need> needs) {
        if (needs.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> items = needs.stream().map(Need::item).distinct().toList();
        return resources.match(communityCode, items).map(matches -> {
            List<PlannedResource> planned = new ArrayList<>();
            for (ResourceMatch match : matches) {
                if (!match.available().isEmpty()) {
                    MatchedResource best = match.available().get(0);
                    planned.add(new PlannedResource(
                            match.serviceItem(),
                            best.organisationId(),
                            best.name(),
                            best.kind().name()));
                }
            }
            return planned;
        });
    }

    private static PlannedProgramme planned(Eligibility eligible) {
        return new PlannedProgramme(
                eligible.programmeCode(),
                eligible.nameZh(),
                eligible.symbol(),
                eligible.conditionsMet(),
                eligible.explanation(),
                eligible.estimatedMonthlyAmountFen());
    }

    private Mono<PlanView> latest(CaseState state) {
        return store.latest(state.id())
                .map(this::withApproval)
                .switchIfEmpty(Mono.error(() -> new CaseTransitionRefused(
                        state,
                        CaseStage.Step.PLAN,
                        "the case has no plan yet: it is drafted when the case is verified")));
    }

    /** Records {@code entry} on the case's timeline; emits {@code plan}. */
    private Mono<PlanView> step(CaseState state, TimelineEntry entry, PlanView plan) {
        return timeline.record(state.id(), entry).thenReturn(plan);
    }

    /** {@code plan} when {@code ifMatch} names its version (or none); otherwise 412. */
    private static PlanView fresh(PlanView plan, IfMatch ifMatch) {
        if (!ifMatch.matches(plan.version())) {
            throw PlanProblem.stale(plan);
        }
        return plan;
    }

    private PlanView withApproval(PlanView plan) {
        List<ApprovalReason> reasons = approval.reasons(plan.plan());
        return new PlanView(
                plan.caseId(),
                plan.version(),
                plan.status(),
                plan.plan(),
                plan.committedAmountFen(),
                !reasons.isEmpty(),
                plan.createdBy(),
                plan.createdAt(),
                plan.decidedBy(),
                plan.decidedAt(),
                plan.decisionNote(),
                reasons);
    }

    private boolean needsApproval(PlanBody body) {
        return !approval.reasons(body).isEmpty();
    }

    private static void requirePlanning(CaseState state) {
        if (!state.stage().allowed().contains(CaseStage.Step.PLAN)) {
            throw new CaseTransitionRefused(state, CaseStage.Step.PLAN, "the case is " + state.stage());
        }
    }

    private static void requireStatus(CaseState state, PlanView plan, PlanStatus wanted) {
        if (plan.status() != wanted) {
            throw RequestProblem.conflict("plan version " + plan.version() + " of case " + state.id() + " is "
                    + plan.status() + ", not " + wanted);
        }
    }

    private static void checker(Caller<Role> caller, CaseState state, PlanView plan) {
        if (!caller.has(Role.SUPERVISOR)) {
            throw RequestProblem.forbidden("only a supervisor approves or rejects a plan");
        }
        requireStatus(state, plan, PlanStatus.PENDING_APPROVAL);
        if (caller.userId().equals(plan.createdBy())) {
            throw RequestProblem.forbidden("maker-checker: " + caller.userId() + " wrote plan version " + plan.version()
                    + " and may not approve it");
        }
    }
}
