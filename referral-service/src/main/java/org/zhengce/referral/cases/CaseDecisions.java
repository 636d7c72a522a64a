package org.zhengce.referral.cases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zhengce.events.Urgency;
import org.zhengce.referral.cases.CaseChange.CaseAssigned;
import org.zhengce.referral.cases.CaseChange.CaseOpened;
import org.zhengce.referral.cases.CaseChange.ClosingProposed;
import org.zhengce.referral.cases.CaseChange.NoteAdded;
import org.zhengce.referral.cases.CaseChange.OwnedBySupervisor;
import org.zhengce.referral.cases.CaseChange.UrgencyRaised;
import org.zhengce.referral.cases.CaseCommand.ClearWarning;
import org.zhengce.referral.cases.CaseCommand.EscalateWarning;
import org.zhengce.referral.cases.CaseCommand.RaiseWarning;
import org.zhengce.referral.cases.CaseCommand.Reassign;
import org.zhengce.referral.cases.CaseCommand.Route;
import org.zhengce.referral.routing.RoutingDecision;

/**
 * The case decisions, pure: {@link #decide} turns a command on a household's open case (or none) into changes,
 * {@link #evolve} applies a change. Time comes from the command, never from a clock.
 *
 * @param visitWithinUrgent how long after opening an urgent case's first visit is due
 * @param visitWithin the same for any other case
 */
record CaseDecisions(Duration visitWithinUrgent, Duration visitWithin) {

    /** The changes {@code command} makes to {@code open}, the household's open case if any. */
    List<CaseChange> decide(Optional<CaseState> open, CaseCommand command) {
        if (command instanceof RaiseWarning raise) {
            return open.isEmpty() ? List.of(opened(raise.warningEventId(), raise)) : raised(open.get(), raise);
        }
        if (command instanceof EscalateWarning escalate) {
            if (open.isEmpty()) {
                return List.of(opened(escalate.warningEventId(), escalate));
            }
            return List.of(new UrgencyRaised(
                    open.get().urgency(),
                    CaseUrgency.escalated(open.get().urgency(), escalate.level()),
                    escalate.category(),
                    escalate.level(),
                    escalate.warningId(),
                    escalate.at()));
        }
        if (command instanceof ClearWarning clear) {
            if (open.isEmpty()) {
                return List.of();
            }
            return List.of(
                    new NoteAdded("warning " + clear.warningId() + " cleared (" + clear.reason() + ")", clear.at()),
                    new ClosingProposed(clear.reason().name(), clear.at()));
        }
        if (command instanceof Route route) {
            return routed(required(open, command), route);
        }
        if (command instanceof Reassign reassign) {
            return reassigned(required(open, command), reassign);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    /** The case after {@code change}. */
    Optional<CaseState> evolve(Optional<CaseState> state, CaseChange change) {
        if (change instanceof CaseOpened opened) {
            return Optional.of(new CaseState(
                    opened.caseId(),
                    opened.householdNumber(),
                    opened.communityCode(),
                    opened.urgency(),
                    opened.category(),
                    opened.level(),
                    opened.warningId(),
                    null,
                    CaseState.OwnerRole.ADVISOR,
                    false,
                    1,
                    opened.at(),
                    opened.at(),
                    opened.visitDueAt()));
        }
        CaseState s = state.orElseThrow(() -> new IllegalStateException("no case to apply " + change + " to"));
        int version = change instanceof CaseChange.Published ? s.version() + 1 : s.version();
        Urgency urgency = s.urgency();
        var category = s.category();
        var level = s.level();
        String owner = s.ownerId();
        CaseState.OwnerRole role = s.ownerRole();
        boolean closeProposed = s.closeProposed();
        if (change instanceof UrgencyRaised raised) {
            urgency = raised.to();
            category = raised.category();
            level = raised.level();
        } else if (change instanceof CaseAssigned assigned) {
            owner = assigned.advisorId();
            role = CaseState.OwnerRole.ADVISOR;
        } else if (change instanceof OwnedBySupervisor supervisor) {
            owner = supervisor.supervisorId();
            role = CaseState.OwnerRole.SUPERVISOR;
        } else if (change instanceof ClosingProposed) {
            closeProposed = true;
        }
        return Optional.of(new CaseState(
                s.id(),
                s.householdNumber(),
                s.communityCode(),
                urgency,
                category,
                level,
                s.warningId(),
                owner,
                role,
                closeProposed,
                version,
                s.openedAt(),
                change.at(),
                s.visitDueAt()));
    }

    /** {@link #decide}, then every change applied: the changes and the case after them. */
    Decided decideAndEvolve(Optional<CaseState> open, CaseCommand command) {
        List<CaseChange> changes = decide(open, command);
        Optional<CaseState> state = open;
        for (CaseChange change : changes) {
            state = evolve(state, change);
        }
        return new Decided(changes, state);
    }

    record Decided(List<CaseChange> changes, Optional<CaseState> after) {}

    /** The case's id: derived from the warning event that opened it, so a replay opens the same case. */
    static UUID caseIdOf(String warningEventId) {
        return UUID.nameUUIDFromBytes(("case:" + warningEventId).getBytes(StandardCharsets.UTF_8));
    }

    private CaseOpened opened(String warningEventId, RaiseWarning raise) {
        Urgency urgency = CaseUrgency.of(raise.level());
        return new CaseOpened(
                caseIdOf(warningEventId),
                raise.householdNumber(),
                raise.communityCode(),
                urgency,
                raise.category(),
                raise.level(),
                raise.warningId(),
                raise.at(),
                raise.at().plus(CaseUrgency.isUrgent(urgency) ? visitWithinUrgent : visitWithin));
    }

    private CaseOpened opened(String warningEventId, EscalateWarning escalate) {
        return opened(
                warningEventId,
                new RaiseWarning(
                        warningEventId,
                        escalate.warningId(),
                        escalate.householdNumber(),
                        escalate.communityCode(),
                        escalate.category(),
                        escalate.level(),
                        escalate.at()));
    }

    /** Another warning for a household with an open case: more urgent, it raises the urgency; else a note. */
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
        return changes;
    }

    private static List<CaseChange> routed(CaseState open, Route route) {
        if (open.ownerId() != null) {
            throw new CaseProblem.InvalidTransition(open, "Route", "it is owned by " + open.ownerId() + " already");
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

    private static CaseState required(Optional<CaseState> open, CaseCommand command) {
        return open.orElseThrow(
                () -> new IllegalStateException(command.getClass().getSimpleName() + " needs an open case"));
    }
}
