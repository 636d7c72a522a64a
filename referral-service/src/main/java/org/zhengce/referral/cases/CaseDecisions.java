package org.zhengce.referral.cases;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.referral.cases.CaseChange.AssistedFirst;
import org.zhengce.referral.cases.CaseChange.CaseAssigned;
import org.zhengce.referral.cases.CaseChange.CaseOpened;
import org.zhengce.referral.cases.CaseChange.Closed;
import org.zhengce.referral.cases.CaseChange.ClosingProposed;
import org.zhengce.referral.cases.CaseChange.DeadlineMissed;
import org.zhengce.referral.cases.CaseChange.Dismissed;
import org.zhengce.referral.cases.CaseChange.NoteAdded;
import org.zhengce.referral.cases.CaseChange.OwnedBySupervisor;
import org.zhengce.referral.cases.CaseChange.Referred;
import org.zhengce.referral.cases.CaseChange.Reopened;
import org.zhengce.referral.cases.CaseChange.UrgencyRaised;
import org.zhengce.referral.cases.CaseChange.Verified;
import org.zhengce.referral.cases.CaseChange.Visited;
import org.zhengce.referral.cases.CaseCommand.AssistFirst;
import org.zhengce.referral.cases.CaseCommand.ClearWarning;
import org.zhengce.referral.cases.CaseCommand.Close;
import org.zhengce.referral.cases.CaseCommand.Dismiss;
import org.zhengce.referral.cases.CaseCommand.EscalateWarning;
import org.zhengce.referral.cases.CaseCommand.MissDeadline;
import org.zhengce.referral.cases.CaseCommand.RaiseWarning;
import org.zhengce.referral.cases.CaseCommand.Reassign;
import org.zhengce.referral.cases.CaseCommand.RecordVisit;
import org.zhengce.referral.cases.CaseCommand.Refer;
import org.zhengce.referral.cases.CaseCommand.Reopen;
import org.zhengce.referral.cases.CaseCommand.Route;
import org.zhengce.referral.cases.CaseCommand.Verify;
import org.zhengce.referral.cases.CaseStage.Step;

/**
 * The case decisions, pure: {@link #decide} turns a command on a household's case (or none) into changes, or
 * refuses it ({@link CaseTransitionRefused}: the stage and the steps it allows); {@link #evolve} applies a change,
 * every kind of change handled (a {@link CaseChange.Visitor}); {@link #decideAndEvolve} does both once, keeping the
 * case after each change, which is what the journal writes. This is the workflow's state machine: every guard is
 * here. Time comes from the command, never from a clock.
 */
record CaseDecisions(CaseDeadlines deadlines) {

    /** The changes {@code command} makes to {@code current}, the household's case if any. */
    List<CaseChange> decide(Optional<CaseState> current, CaseCommand command) {
        if (command instanceof RaiseWarning raise) {
            return current.isEmpty() ? List.of(opened(raise)) : raised(current.get(), raise);
        }
        if (command instanceof EscalateWarning escalate) {
            if (current.isEmpty()) {
                return List.of(opened(escalate.asRaise()));
            }
            return escalated(current.get(), escalate);
        }
        if (command instanceof ClearWarning clear) {
            if (current.isEmpty()) {
                return List.of();
            }
            return List.of(
                    new NoteAdded("warning " + clear.warningId() + " cleared (" + clear.reason() + ")", clear.at()),
                    new ClosingProposed(clear.warningId(), clear.reason().name(), clear.at()));
        }
        if (command instanceof MissDeadline missed) {
            CaseState s = required(current, command);
            if (!s.isOpen()
                    || s.dueStep() == null
                    || s.overdueEscalated()
                    || s.dueAt() == null
                    || s.dueAt().isAfter(missed.at())) {
                return List.of();
            }
            return List.of(new DeadlineMissed(s.dueStep(), s.dueAt(), missed.supervisorId(), missed.at()));
        }
        if (command instanceof Route route) {
            return routed(required(current, command), route);
        }
        if (command instanceof Reassign reassign) {
            return reassigned(open(required(current, command), "Reassign"), reassign);
        }
        return step(required(current, command), command);
    }

    /** The user's workflow steps: each allowed only in the stages {@link CaseStage#allowed} names. */
    private List<CaseChange> step(CaseState s, CaseCommand command) {
        if (command instanceof RecordVisit visit) {
            allow(s, Step.VISIT);
            return List.of(new Visited(
                    visit.visitId(),
                    visit.advisorId(),
                    visit.visitedAt(),
                    visit.findings(),
                    visit.needs(),
                    visit.facts(),
                    s.firstVisitedAt() == null,
                    visit.at()));
        }
        if (command instanceof Verify verify) {
            allow(s, Step.VERIFY);
            return List.of(new Verified(verify.needs(), s.assistFirst(), verify.note(), verify.at()));
        }
        if (command instanceof Dismiss dismiss) {
            allow(s, Step.DISMISS);
            return List.of(new Dismissed(dismiss.reason(), dismiss.note(), dismiss.at()));
        }
        if (command instanceof AssistFirst assist) {
            allow(s, Step.ASSIST_FIRST);
            if (!CaseUrgency.isUrgent(s.urgency())) {
                throw new CaseTransitionRefused(
                        s, Step.ASSIST_FIRST, "assist first (先行救助) is for urgent cases; this one is " + s.urgency());
            }
            if (s.assistFirst()) {
                throw new CaseTransitionRefused(s, Step.ASSIST_FIRST, "it was assisted first already");
            }
            return List.of(new AssistedFirst(assist.measures(), assist.at()));
        }
        if (command instanceof Refer refer) {
            allow(s, Step.REFER);
            return List.of(new Referred(
                    refer.tier(),
                    refer.programme(),
                    refer.organisationId(),
                    refer.organisationName(),
                    refer.reviewIntervalDays(),
                    refer.note(),
                    refer.at()));
        }
        if (command instanceof Close close) {
            allow(s, Step.CLOSE);
            if (close.openReferrals() > 0) {
                throw new CaseTransitionRefused(
                        s, Step.CLOSE, close.openReferrals() + " referral(s) still open: answer or end them first");
            }
            if ((s.stage() == CaseStage.ASSIGNED || s.stage() == CaseStage.VISITED) && !s.closeProposed()) {
                throw new CaseTransitionRefused(
                        s,
                        Step.CLOSE,
                        "a case is closed before verification only when its warning was cleared; verify or"
                                + " dismiss it");
            }
            return List.of(new Closed(close.outcome(), close.note(), close.at()));
        }
        if (command instanceof CaseCommand.Replan replan) {
            allow(s, Step.PLAN);
            return List.of(new NoteAdded(replan.why(), replan.at()), new CaseChange.PlanDue(replan.why(), replan.at()));
        }
        if (command instanceof Reopen reopen) {
            allow(s, Step.REOPEN);
            return List.of(new Reopened(reopen.warningId(), reopen.reason(), reopen.at()));
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    /** The case after {@code change}. */
    Optional<CaseState> evolve(Optional<CaseState> state, CaseChange change) {
        return Optional.of(change.accept(new Evolution(state, change)));
    }

    /** {@link #decide}, then every change applied once: each change with the case after it. */
    Decided decideAndEvolve(Optional<CaseState> current, CaseCommand command) {
        return new Decided(current, List.of()).then(this, command);
    }

    /**
     * What commands did to a case: the case before them and each change with the case after it, in order. The one
     * thing the journal writes: nothing is applied twice.
     */
    record Decided(Optional<CaseState> before, List<Evolved> steps) {

        /** A change and the case after it. */
        record Evolved(CaseChange change, CaseState after) {}

        List<CaseChange> changes() {
            return steps.stream().map(Evolved::change).toList();
        }

        /** The case after every change (before them when there is none). */
        Optional<CaseState> after() {
            return steps.isEmpty()
                    ? before
                    : Optional.of(steps.get(steps.size() - 1).after());
        }

        /** These changes, then those {@code command} makes to the case after them. */
        Decided then(CaseDecisions decisions, CaseCommand command) {
            List<Evolved> all = new ArrayList<>(steps);
            Optional<CaseState> state = after();
            for (CaseChange change : decisions.decide(state, command)) {
                state = decisions.evolve(state, change);
                all.add(new Evolved(change, state.orElseThrow()));
            }
            return new Decided(before, List.copyOf(all));
        }
    }

    /** What each change does to the case: its version and time moved, then its own effect. */
    private final class Evolution implements CaseChange.Visitor<CaseState> {

        private final Optional<CaseState> state;
        private final CaseChange change;

        Evolution(Optional<CaseState> state, CaseChange change) {
            this.state = state;
            this.change = change;
        }

        /** The case the change applies to, one version more when the change is published. */
        private CaseState s() {
            return state.orElseThrow(() -> new IllegalStateException("no case to apply " + change + " to"))
                    .touched(change.at(), change instanceof CaseChange.Published);
        }

        @Override
        public CaseState opened(CaseOpened opened) {
            return new CaseState(
                    opened.caseId(),
                    1,
                    CaseStage.OPENED,
                    new CaseState.Household(opened.householdNumber(), opened.communityCode()),
                    new CaseState.Warning(
                            opened.urgency(),
                            opened.category(),
                            opened.level(),
                            opened.warningId(),
                            opened.modelVersion(),
                            opened.at()),
                    new CaseState.Assignment(null, CaseState.OwnerRole.ADVISOR),
                    new CaseState.Progress(opened.at(), opened.visitDueAt(), null, null, false, false, 0),
                    CaseState.Due.of(DueStep.VISIT, opened.visitDueAt()),
                    new CaseState.Referral(null, null, null),
                    CaseState.Ending.NONE,
                    opened.at());
        }

        @Override
        public CaseState urgencyRaised(UrgencyRaised raised) {
            CaseState s = s();
            CaseState.Warning was = s.warning();
            CaseState next = s.with(new CaseState.Warning(
                    raised.to(), raised.category(), raised.level(), was.id(), was.modelVersion(), was.raisedAt()));
            if (s.dueStep() == DueStep.VISIT && s.dueAt() != null) {
                Instant sooner = deadlines.visitDue(raised.at(), raised.to());
                if (sooner.isBefore(s.dueAt())) {
                    return next.with(CaseState.Due.of(DueStep.VISIT, sooner));
                }
            }
            return next;
        }

        @Override
        public CaseState assigned(CaseAssigned assigned) {
            return owned(s(), new CaseState.Assignment(assigned.advisorId(), CaseState.OwnerRole.ADVISOR));
        }

        @Override
        public CaseState ownedBySupervisor(OwnedBySupervisor owned) {
            return owned(s(), new CaseState.Assignment(owned.supervisorId(), CaseState.OwnerRole.SUPERVISOR));
        }

        private CaseState owned(CaseState s, CaseState.Assignment owner) {
            return s.with(owner).with(s.stage() == CaseStage.OPENED ? CaseStage.ASSIGNED : s.stage());
        }

        @Override
        public CaseState noteAdded(NoteAdded note) {
            return s();
        }

        @Override
        public CaseState closingProposed(ClosingProposed proposed) {
            CaseState s = s();
            return s.with(s.progress().closingProposed());
        }

        @Override
        public CaseState visited(Visited visited) {
            CaseState s = s();
            CaseState next = s.with(s.progress().visited(visited.visitedAt()));
            switch (s.stage()) {
                case ASSIGNED:
                case VISITED:
                    next = next.with(CaseStage.VISITED);
                    return s.assistFirst()
                            ? next
                            : next.with(
                                    CaseState.Due.of(DueStep.VERIFY, deadlines.verifyDue(visited.at(), s.urgency())));
                case REFERRED:
                    return s.tier() == ReferralTier.TRACKING
                            ? next.with(CaseState.Due.of(
                                    DueStep.REVIEW, deadlines.reviewDue(visited.at(), s.reviewIntervalDays())))
                            : next;
                default:
                    return next;
            }
        }

        @Override
        public CaseState verified(Verified verified) {
            CaseState s = s();
            return s.with(CaseStage.VERIFIED)
                    .with(s.progress().verified(verified.at()))
                    .with(CaseState.Due.of(DueStep.PLAN, deadlines.planDue(verified.at())));
        }

        @Override
        public CaseState dismissed(Dismissed dismissed) {
            return s().with(CaseStage.DISMISSED)
                    .with(new CaseState.Ending(dismissed.at(), dismissed.reason(), dismissed.at(), s().outcome()))
                    .with(CaseState.Due.of(null, null));
        }

        @Override
        public CaseState assistedFirst(AssistedFirst assisted) {
            CaseState s = s();
            return s.with(s.progress().assistedFirst())
                    .with(CaseState.Due.of(DueStep.VERIFY, deadlines.assistFirstVerifyDue(assisted.at())));
        }

        @Override
        public CaseState referred(Referred referred) {
            CaseState s = s();
            Instant first = s.referredAt() == null ? referred.at() : s.referredAt();
            CaseState next = s.with(CaseStage.REFERRED);
            if (referred.tier() == ReferralTier.TRACKING) {
                return next.with(new CaseState.Referral(referred.tier(), referred.reviewIntervalDays(), first))
                        .with(CaseState.Due.of(
                                DueStep.REVIEW, deadlines.reviewDue(referred.at(), referred.reviewIntervalDays())));
            }
            return next.with(new CaseState.Referral(referred.tier(), s.reviewIntervalDays(), first))
                    .with(CaseState.Due.of(null, null));
        }

        @Override
        public CaseState closed(Closed closed) {
            CaseState s = s();
            return s.with(CaseStage.CLOSED)
                    .with(new CaseState.Ending(s.dismissedAt(), s.dismissalReason(), closed.at(), closed.outcome()))
                    .with(CaseState.Due.of(null, null));
        }

        @Override
        public CaseState reopened(Reopened reopened) {
            CaseState s = s();
            CaseState.Warning w = s.warning();
            return s.with(CaseStage.ASSIGNED)
                    .with(s.progress().reopened())
                    .with(CaseState.Ending.NONE)
                    .with(new CaseState.Warning(
                            w.urgency(),
                            w.category(),
                            w.level(),
                            reopened.warningId() != null ? reopened.warningId() : w.id(),
                            w.modelVersion(),
                            w.raisedAt()))
                    .with(CaseState.Due.of(DueStep.VISIT, deadlines.visitDue(reopened.at(), s.urgency())));
        }

        @Override
        public CaseState deadlineMissed(DeadlineMissed missed) {
            CaseState s = s();
            return s.with(new CaseState.Due(s.dueStep(), s.dueAt(), true));
        }

        @Override
        public CaseState planDue(CaseChange.PlanDue due) {
            return s().with(CaseState.Due.of(DueStep.PLAN, deadlines.planDue(due.at())));
        }
    }

    /** The case's id: derived from the warning event that opened it, so a replay opens the same case. */
    static UUID caseIdOf(String warningEventId) {
        return UUID.nameUUIDFromBytes(("case:" + warningEventId).getBytes(StandardCharsets.UTF_8));
    }

    private CaseOpened opened(RaiseWarning raise) {
        Urgency urgency = CaseUrgency.of(raise.level());
        return new CaseOpened(
                caseIdOf(raise.warningEventId()),
                raise.householdNumber(),
                raise.communityCode(),
                urgency,
                raise.category(),
                raise.level(),
                raise.warningId(),
                raise.modelVersion(),
                raise.at(),
                deadlines.visitDue(raise.at(), urgency));
    }

    /**
     * Another warning for a household with an open case: a note; more urgent, the urgency raised; a tracked
     * household (跟踪监测) re-opened for a new visit.
     */
    private static List<CaseChange> raised(CaseState open, RaiseWarning raise) {
        Urgency urgency = CaseUrgency.of(raise.level());
        List<CaseChange> changes = new ArrayList<>();
        changes.add(new NoteAdded(
                "warning " + raise.warningId() + " raised (" + raise.category() + ", " + raise.level() + ")",
                raise.at()));
        if (CaseUrgency.rank(urgency) > CaseUrgency.rank(open.urgency())) {
            changes.add(new UrgencyRaised(
                    open.urgency(), urgency, raise.category(), raise.level(), raise.warningId(), raise.at()));
        }
        if (isTracked(open)) {
            changes.add(new Reopened(
                    raise.warningId(), "new warning " + raise.category() + " " + raise.level(), raise.at()));
        }
        return changes;
    }

    private static List<CaseChange> escalated(CaseState open, EscalateWarning escalate) {
        List<CaseChange> changes = new ArrayList<>();
        changes.add(new UrgencyRaised(
                open.urgency(),
                CaseUrgency.escalated(open.urgency(), escalate.level()),
                escalate.category(),
                escalate.level(),
                escalate.warningId(),
                escalate.at()));
        if (isTracked(open)) {
            changes.add(new Reopened(
                    escalate.warningId(),
                    "warning escalated to " + escalate.category() + " " + escalate.level(),
                    escalate.at()));
        }
        return changes;
    }

    private static boolean isTracked(CaseState open) {
        return open.stage() == CaseStage.REFERRED && open.tier() == ReferralTier.TRACKING;
    }

    private static List<CaseChange> routed(CaseState open, Route route) {
        if (open.ownerId() != null) {
            throw new IllegalStateException("case " + open.id() + " is owned by " + open.ownerId() + " already");
        }
        RoutingDecision decision = route.decision();
        return decision instanceof RoutingDecision.NoAdvisor
                ? List.of(new OwnedBySupervisor(decision.ownerId(), route.at()))
                : List.of(new CaseAssigned(decision.ownerId(), null, null, route.at()));
    }

    private static List<CaseChange> reassigned(CaseState open, Reassign reassign) {
        if (reassign.advisorId().equals(open.ownerId())) {
            return List.of();
        }
        return List.of(new CaseAssigned(reassign.advisorId(), open.ownerId(), reassign.supervisorId(), reassign.at()));
    }

    private static void allow(CaseState s, Step step) {
        if (!s.stage().allowed().contains(step)) {
            throw new CaseTransitionRefused(s, step, "the case is " + s.stage());
        }
    }

    private static CaseState open(CaseState s, String what) {
        if (!s.isOpen()) {
            throw new CaseTransitionRefused(s, null, what + " needs an open case; it is " + s.stage());
        }
        return s;
    }

    private static CaseState required(Optional<CaseState> current, CaseCommand command) {
        return current.orElseThrow(
                () -> new IllegalStateException(command.getClass().getSimpleName() + " needs a case"));
    }
}
