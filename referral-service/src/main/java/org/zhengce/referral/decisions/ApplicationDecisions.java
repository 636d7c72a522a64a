package org.zhengce.referral.decisions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.zhengce.events.AssistanceApplicationRejected;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DecisionKind;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.Programme;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A department's decision on an application the case followed (household events {@code AssistanceGranted},
 * {@code AssistanceApplicationRejected} of a household subject) moves the case: granted, the application is
 * closed, the decision is shared back on {@code decisions.shared} for the departments that act on it (dibao →
 * medical insurance), and the case closes as {@code ASSISTED} once nothing else is open; refused, the plan is due
 * again. Inside the listener's transaction; a decision delivered twice changes nothing (the application is no
 * longer {@code APPLIED}).
 */
@Service
public class ApplicationDecisions implements DepartmentDecisions {

    private final Referrals referrals;
    private final Cases cases;
    private final PolicyLibrary policies;
    private final CaseEventOutbox outbox;
    private final CaseTimeline timeline;
    private final Clock clock;

    ApplicationDecisions(
            Referrals referrals,
            Cases cases,
            PolicyLibrary policies,
            CaseEventOutbox outbox,
            CaseTimeline timeline,
            Clock clock) {
        this.referrals = referrals;
        this.cases = cases;
        this.policies = policies;
        this.outbox = outbox;
        this.timeline = timeline;
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
        Programme programme = granted
                ? ((AssistanceGranted) event.getFact()).getProgramme()
                : ((AssistanceApplicationRejected) event.getFact()).getProgramme();
        List<String> codes = policies.programmes().stream()
                .filter(p -> p.symbol() == programme && programme != Programme.OTHER)
                .map(ProgrammeDefinition::code)
                .toList();
        return Flux.fromIterable(codes)
                .concatMap(code -> referrals.pendingApplication(household, code))
                .next()
                .flatMap(application -> referrals
                        .move(
                                application.id(),
                                List.of("APPLIED"),
                                granted ? "GRANTED" : "REJECTED",
                                granted ? null : rejection((AssistanceApplicationRejected) event.getFact()),
                                clock.instant())
                        .flatMap(moved -> cases.locked(moved.caseId())
                                .flatMap(state -> granted
                                        ? grantedInto(state, moved, event)
                                        : rejectedInto(state, moved, event))));
    }

    private Mono<Void> grantedInto(CaseState state, ReferralView application, HouseholdEvent event) {
        AssistanceGranted grant = (AssistanceGranted) event.getFact();
        String code = java.util.Objects.requireNonNull(application.programme());
        AssistanceDecisionShared decision = AssistanceDecisionShared.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(
                                ("decisions.shared:" + application.id()).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setHousehold(new HouseholdNumber(state.household().number()))
                .setCommunityCode(state.household().communityCode())
                .setProgramme(grant.getProgramme())
                .setDecision(DecisionKind.GRANTED)
                .setDecidedBy(event.getDepartment())
                .setDecidedAt(event.getOccurredAt())
                .setMonthlyAmountFen(grant.getMonthlyAmountFen())
                .setValidFrom(grant.getStartDate())
                .setValidUntil(grant.getEndDate())
                .setRecipients(policies.shareWith(code))
                .setCaseId(state.id().toString())
                .build();
        Instant at = clock.instant();
        return note(
                        state,
                        at,
                        "application " + code + " granted by " + event.getDepartment()
                                + amount(grant.getMonthlyAmountFen()) + "; shared with " + decision.getRecipients())
                .then(outbox.appendDecision(decision, state.id()))
                .then(referrals.openOf(state.id()))
                .flatMap(open -> open == 0 && state.stage() == CaseStage.REFERRED
                        ? cases.apply(
                                        state,
                                        List.of(new CaseCommand.Close(CaseOutcome.ASSISTED, "granted: " + code, 0, at)),
                                        null)
                                .then()
                        : Mono.empty());
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
