package org.zhengce.referral.decisions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.zhengce.events.AssistanceApplicationRejected;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DecisionKind;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.Programme;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.referral.cases.CaseCommand;
import org.zhengce.referral.cases.CaseStage;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.households.DepartmentDecisions;
import org.zhengce.referral.outbox.CaseEventOutbox;
import org.zhengce.referral.policies.PolicyLibrary;
import org.zhengce.referral.policies.ProgrammeDefinition;
import org.zhengce.referral.referrals.ReferralView;
import org.zhengce.referral.referrals.Referrals;
import org.zhengce.referral.timeline.CaseTimeline;
import org.zhengce.referral.timeline.StepType;
import org.zhengce.referral.timeline.TimelineEntry;
import org.zhengce.referral.topics.DecisionTopics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A department's decision on an application the case followed (household events {@code AssistanceGranted},
 * {@code AssistanceApplicationRejected} of a household subject) moves the case, when it comes from the department
 * competent for the programme (the policy library's {@code competentDepartment}): granted, the application is
 * closed, the decision is shared back on the topics of the departments it is meant for ({@code decisions.<dept>}:
 * the one that runs the programme and those its data-sharing rule names, dibao → medical insurance), and the case
 * closes as {@code ASSISTED} once nothing else is open; refused, the plan is due again. A decision from any other
 * department is not applied and not shared: it is kept in {@code refused_decisions} and counted (ADR 0014). Inside
 * the listener's transaction; a decision delivered twice changes nothing (the application is no longer
 * {@code APPLIED}).
 */
@Service
public class ApplicationDecisions implements DepartmentDecisions {

    private final Referrals referrals;
    private final Cases cases;
    private final PolicyLibrary policies;
    private final CaseEventOutbox outbox;
    private final CaseTimeline timeline;
    private final DecisionTopics decisionTopics;
    private final RefusedDecisions refused;
    private final Clock clock;

    ApplicationDecisions(
            Referrals referrals,
            Cases cases,
            PolicyLibrary policies,
            CaseEventOutbox outbox,
            CaseTimeline timeline,
            DecisionTopics decisionTopics,
            RefusedDecisions refused,
            Clock clock) {
        this.referrals = referrals;
        this.cases = cases;
        this.policies = policies;
        this.outbox = outbox;
        this.timeline = timeline;
        this.decisionTopics = decisionTopics;
        this.refused = refused;
        this.clock = clock;
    }

    @Override
    public boolean takes(HouseholdEvent event) {
        return event.getSubject() instanceof HouseholdNumber
                && (event.getFact() instanceof AssistanceGranted
                        || event.getFact() instanceof AssistanceApplicationRejected);
    }

    @Override
    public Mono<Void> on(HouseholdEvent event) {
        String household = ((HouseholdNumber) event.getSubject()).getValue();
        boolean granted = event.getFact() instanceof AssistanceGranted;
        Programme programme = programmeOf(event);
        List<String> codes = policies.programmes().stream()
                .filter(p -> p.symbol() == programme && programme != Programme.OTHER)
                .map(ProgrammeDefinition::code)
                .toList();
        return Flux.fromIterable(codes)
                .concatMap(code -> referrals.pendingApplication(household, code))
                .next()
                .flatMap(application -> refusal(event, application)
                        .orElseGet(() -> referrals
                                .move(
                                        application.id(),
                                        List.of("APPLIED"),
                                        granted ? "GRANTED" : "REJECTED",
                                        granted ? null : rejection((AssistanceApplicationRejected) event.getFact()),
                                        clock.instant())
                                .flatMap(moved -> cases.locked(moved.caseId())
                                        .flatMap(state -> granted
                                                ? grantedInto(state, moved, event)
                                                : rejectedInto(state, moved, event)))));
    }

    /**
     * The refusal of a decision on {@code application} that did not come from the department competent for its
     * programme (or on a programme that names none): kept and counted, the application and the case left as they
     * are; empty when the decision may be applied.
     */
    private Optional<Mono<Void>> refusal(HouseholdEvent event, ReferralView application) {
        String code = Objects.requireNonNull(application.programme());
        Department competent = policies.programme(code)
                .map(ProgrammeDefinition::competentDepartment)
                .orElse(null);
        if (competent != null && competent == event.getDepartment()) {
            return Optional.empty();
        }
        return Optional.of(
                competent == null
                        ? refused.keep(
                                event,
                                code,
                                application.caseId(),
                                RefusedDecisions.Reason.NO_COMPETENT_DEPARTMENT,
                                "programme " + code + " names no competent department; " + event.getDepartment()
                                        + "'s decision is not accepted")
                        : refused.keep(
                                event,
                                code,
                                application.caseId(),
                                RefusedDecisions.Reason.NOT_COMPETENT,
                                "programme " + code + " is run by " + competent + ", not " + event.getDepartment()));
    }

    /** The programme a decision is about. */
    static Programme programmeOf(HouseholdEvent event) {
        return event.getFact() instanceof AssistanceGranted grant
                ? grant.getProgramme()
                : ((AssistanceApplicationRejected) event.getFact()).getProgramme();
    }

    private Mono<Void> grantedInto(CaseState state, ReferralView application, HouseholdEvent event) {
        AssistanceGranted grant = (AssistanceGranted) event.getFact();
        String code = Objects.requireNonNull(application.programme());
        List<Department> recipients = policies.shareWith(code);
        List<TopicBinding<String, AssistanceDecisionShared>> topics = receivers(code, event.getDepartment());
        Instant at = clock.instant();
        return note(
                        state,
                        at,
                        "application " + code + " granted by " + event.getDepartment()
                                + amount(grant.getMonthlyAmountFen()) + "; shared with " + recipients)
                .thenMany(Flux.fromIterable(topics))
                .concatMap(topic -> outbox.appendDecision(
                        AssistanceDecisionShared.newBuilder()
                                .setEventId(UUID.nameUUIDFromBytes((topic.name() + ":" + application.id())
                                                .getBytes(StandardCharsets.UTF_8))
                                        .toString())
                                .setHousehold(
                                        new HouseholdNumber(state.household().number()))
                                .setCommunityCode(state.household().communityCode())
                                .setProgramme(grant.getProgramme())
                                .setDecision(DecisionKind.GRANTED)
                                .setDecidedBy(event.getDepartment())
                                .setDecidedAt(event.getOccurredAt())
                                .setMonthlyAmountFen(grant.getMonthlyAmountFen())
                                .setValidFrom(grant.getStartDate())
                                .setValidUntil(grant.getEndDate())
                                .setRecipients(recipients)
                                .setCaseId(state.id().toString())
                                .build(),
                        state.id(),
                        topic.name()))
                .then(referrals.openOf(state.id()))
                .flatMap(open -> open == 0 && state.stage() == CaseStage.REFERRED
                        ? cases.apply(
                                        state,
                                        List.of(new CaseCommand.Close(CaseOutcome.ASSISTED, "granted: " + code, 0, at)),
                                        null)
                                .then()
                        : Mono.empty());
    }

    /**
     * The topics a grant of {@code code} goes to: the department that runs the programme ({@code competent}, whose
     * decision it is) and the departments the programme's data-sharing rule names ({@code shareWith}), each once;
     * no other department receives it (ADR 0014).
     */
    private List<TopicBinding<String, AssistanceDecisionShared>> receivers(String code, Department competent) {
        Set<Department> departments = new LinkedHashSet<>();
        departments.add(competent);
        departments.addAll(policies.shareWith(code));
        return departments.stream()
                .flatMap(department -> decisionTopics.of(department).stream())
                .toList();
    }

    private Mono<Void> rejectedInto(CaseState state, ReferralView application, HouseholdEvent event) {
        String why = "application " + application.programme() + " refused by " + event.getDepartment() + ": "
                + rejection((AssistanceApplicationRejected) event.getFact());
        if (!state.stage().allowed().contains(CaseStage.Step.PLAN)) {
            return note(state, clock.instant(), why);
        }
        return cases.apply(state, List.of(new CaseCommand.Replan(why, clock.instant())), null)
                .then();
    }

    /** A note of the platform's on the case, and on its timeline. */
    private Mono<Void> note(CaseState state, Instant at, String text) {
        return cases.addNote(state.id(), at, null, text)
                .then(timeline.record(
                        state.id(),
                        new TimelineEntry(at, StepType.NOTE, null, state.stage().name(), text)));
    }

    private static String rejection(AssistanceApplicationRejected rejected) {
        return rejected.getReason() + (rejected.getNote() == null ? "" : " (" + rejected.getNote() + ")");
    }

    private static String amount(@Nullable Long monthlyFen) {
        return monthlyFen == null ? "" : String.format(" at %.2f yuan a month", monthlyFen / 100.0);
    }
}
