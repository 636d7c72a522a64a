package org.zhengce.referral.cases;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.zhengce.events.CaseSource;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
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
 * refuses it ({@link CaseTransitionRefused}: the stage and the steps it allows); {@link #evolve} applies a change
 * (each kind says what it does: {@link CaseChange#evolve} is abstract); {@link #decideAndEvolve} does both once,
 * keeping the case after each change, which is what the journal writes. This is the workflow's state machine: every
 * guard is here. Time comes from the command, never from a clock.
 */
@Component
record CaseDecisions(CaseDeadlines deadlines) {

    /** The changes {@code command} makes to {@code current}, the household's case if any. */
    List<CaseChange> decide(Optional<CaseState> current, CaseCommand command) {
        if (command instanceof RaiseWarning raise) {
            return current.isEmpty() ? List.of(opened(raise)) : raised(current.get(), raise);
        }
        if (command instanceof CaseCommand.ReportTip tip) {
            return current.isEmpty() ? List.of(opened(tip)) : List.of(tipped(current.get(), tip));
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
                    || s.due().step() == null
                    || s.due().escalated()
                    || s.due().at() == null
                    || s.due().at().isAfter(missed.at())) {
                return List.of();
            }
            return List.of(new DeadlineMissed(s.due().step(), s.due().at(), missed.supervisorId(), missed.at()));
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
                    s.progress().firstVisitedAt() == null,
                    visit.at()));
        }
        if (command instanceof Verify verify) {
            allow(s, Step.VERIFY);
            return List.of(new Verified(verify.needs(), s.progress().assistFirst(), verify.note(), verify.at()));
        }
        if (command instanceof Dismiss dismiss) {
            allow(s, Step.DISMISS);
            return List.of(new Dismissed(dismiss.reason(), dismiss.note(), dismiss.at()));
        }
        if (command instanceof AssistFirst assist) {
            allow(s, Step.ASSIST_FIRST);
            if (!CaseUrgency.isUrgent(s.warning().urgency())) {
                throw new CaseTransitionRefused(
                        s,
                        Step.ASSIST_FIRST,
                        "assist first (先行救助) is for urgent cases; this one is "
                                + s.warning().urgency());
            }
            if (s.progress().assistFirst()) {
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
            if ((s.stage() == CaseStage.ASSIGNED || s.stage() == CaseStage.VISITED)
                    && !s.progress().closeProposed()) {
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
        return Optional.of(change.evolve(state, deadlines));
    }

    /** {@link #decide}, then every change applied once: each change with the case after it. */
    CaseEvolution decideAndEvolve(Optional<CaseState> current, CaseCommand command) {
        return new CaseEvolution(current, List.of()).then(this, command);
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
                deadlines.visitDue(raise.at(), urgency),
                CaseSource.WARNING);
    }

    /**
     * A case opened by a reporter's tip (source TIP): no warning category nor level, its urgency the tip's; its id
     * derived from the tip's event, so a replay opens the same case.
     */
    private CaseOpened opened(CaseCommand.ReportTip tip) {
        String tipId = tipIdOf(tip.tipEventId());
        return new CaseOpened(
                caseIdOf(tipId),
                tip.householdNumber(),
                tip.communityCode(),
                tip.urgency(),
                WarningCategory.UNKNOWN,
                null,
                tipId,
                null,
                tip.at(),
                deadlines.visitDue(tip.at(), tip.urgency()),
                CaseSource.TIP);
    }

    /** What a tip-opened case keeps as its warning id: {@code tip:<platform event id>}. */
    static String tipIdOf(String tipEventId) {
        return "tip:" + tipEventId;
    }

    /** A tip about a household whose case is open: a note on its timeline, never a second case. */
    private static NoteAdded tipped(CaseState open, CaseCommand.ReportTip tip) {
        return new NoteAdded(
                "tip " + tip.tipEventId() + " from a " + tip.reporterRole() + ": " + tip.urgency() + ", needs "
                        + String.join(", ", tip.needs()),
                tip.at());
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
        if (CaseUrgency.rank(urgency) > CaseUrgency.rank(open.warning().urgency())) {
            changes.add(new UrgencyRaised(
                    open.warning().urgency(), urgency, raise.category(), raise.level(), raise.warningId(), raise.at()));
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
                open.warning().urgency(),
                CaseUrgency.escalated(open.warning().urgency(), escalate.level()),
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
        return open.stage() == CaseStage.REFERRED && open.referral().tier() == ReferralTier.TRACKING;
    }

    private static List<CaseChange> routed(CaseState open, Route route) {
        if (open.assignment().ownerId() != null) {
            throw new IllegalStateException(
                    "case " + open.id() + " is owned by " + open.assignment().ownerId() + " already");
        }
        RoutingDecision decision = route.decision();
        return decision instanceof RoutingDecision.NoAdvisor
                ? List.of(new OwnedBySupervisor(decision.ownerId(), route.at()))
                : List.of(new CaseAssigned(decision.ownerId(), null, null, route.at()));
    }

    private static List<CaseChange> reassigned(CaseState open, Reassign reassign) {
        if (reassign.advisorId().equals(open.assignment().ownerId())) {
            return List.of();
        }
        return List.of(new CaseAssigned(
                reassign.advisorId(), open.assignment().ownerId(), reassign.supervisorId(), reassign.at()));
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
