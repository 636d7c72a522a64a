package org.zhengce.referral.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.cases.CaseChange.CaseAssigned;
import org.zhengce.referral.cases.CaseChange.CaseOpened;
import org.zhengce.referral.cases.CaseChange.ClosingProposed;
import org.zhengce.referral.cases.CaseChange.NoteAdded;
import org.zhengce.referral.cases.CaseChange.OwnedBySupervisor;
import org.zhengce.referral.cases.CaseChange.UrgencyRaised;
import org.zhengce.referral.outbox.CaseEvents;

/** Given a case (or none), when a command, then these changes. */
class CaseDecisionsTest {

    private static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");
    private final CaseDecisions decisions = new CaseDecisions(TestDeadlines.DEADLINES);

    private static CaseCommand.RaiseWarning raise(String eventId, WarningLevel level) {
        return new CaseCommand.RaiseWarning(
                eventId, "warning-1", "H1", "110105001001", WarningCategory.ASSISTANCE_MISSING, level, "test-1", AT);
    }

    private CaseState routedCase(WarningLevel level, String owner) {
        Optional<CaseState> opened =
                decisions.decideAndEvolve(Optional.empty(), raise("e1", level)).after();
        return decisions
                .decideAndEvolve(opened, new CaseCommand.Route(new RoutingDecision.ToAdvisor(owner), AT))
                .after()
                .orElseThrow();
    }

    private static CaseCommand.ReportTip tip(String tipEventId) {
        return new CaseCommand.ReportTip(
                tipEventId,
                "H1",
                "110105001001",
                Urgency.SOLVE_NOW,
                org.zhengce.events.ReporterRole.VOLUNTEER,
                List.of("medical.escort"),
                AT);
    }

    @Test
    void anUrgentTipOpensACaseWithSourceTipDueWithinTheUrgentDeadline() {
        List<CaseChange> changes = decisions.decide(Optional.empty(), tip("tip-1"));
        assertThat(changes).singleElement().isInstanceOfSatisfying(CaseOpened.class, opened -> {
            assertThat(opened.source()).isEqualTo(org.zhengce.events.CaseSource.TIP);
            assertThat(opened.urgency()).isEqualTo(Urgency.SOLVE_NOW);
            assertThat(opened.level()).isNull();
            assertThat(opened.visitDueAt()).isEqualTo(AT.plus(Duration.ofHours(24)));
            assertThat(opened.caseId()).isEqualTo(CaseDecisions.caseIdOf("tip:tip-1"));
        });
    }

    @Test
    void aTipAboutAHouseholdWithAnOpenCaseIsANoteOnItNotASecondCase() {
        CaseState open = routedCase(WarningLevel.YELLOW, "advisor-a");
        List<CaseChange> changes = decisions.decide(Optional.of(open), tip("tip-2"));
        assertThat(changes)
                .singleElement()
                .isInstanceOfSatisfying(
                        NoteAdded.class,
                        note -> assertThat(note.text()).contains("tip-2", "VOLUNTEER", "medical.escort"));
    }

    @Test
    void redWarningOpensAnUrgentCaseDueWithinTheUrgentDeadline() {
        List<CaseChange> changes = decisions.decide(Optional.empty(), raise("e1", WarningLevel.RED));
        assertThat(changes).singleElement().isInstanceOfSatisfying(CaseOpened.class, opened -> {
            assertThat(opened.urgency()).isEqualTo(Urgency.SOLVE_NOW);
            assertThat(opened.visitDueAt()).isEqualTo(AT.plus(Duration.ofHours(24)));
            assertThat(opened.caseId()).isEqualTo(CaseDecisions.caseIdOf("e1"));
        });
    }

    @Test
    void yellowWarningOpensACaseInStagesDueWithinTheNormalDeadline() {
        CaseOpened opened = (CaseOpened) decisions
                .decide(Optional.empty(), raise("e1", WarningLevel.YELLOW))
                .get(0);
        assertThat(opened.urgency()).isEqualTo(Urgency.IN_STAGES);
        assertThat(opened.visitDueAt()).isEqualTo(AT.plus(Duration.ofHours(72)));
    }

    @Test
    void escalationOfAnOpenCaseRaisesItsUrgency() {
        CaseState open = routedCase(WarningLevel.BLUE, "advisor-a");
        List<CaseChange> changes = decisions.decide(
                Optional.of(open),
                new CaseCommand.EscalateWarning(
                        "e2",
                        "warning-1",
                        "H1",
                        "110105001001",
                        WarningCategory.ASSISTANCE_MISSING,
                        WarningLevel.YELLOW,
                        "test-1",
                        AT));
        assertThat(changes).singleElement().isInstanceOfSatisfying(UrgencyRaised.class, raised -> {
            assertThat(raised.from()).isEqualTo(Urgency.LONG_TERM);
            assertThat(raised.to()).isEqualTo(Urgency.IN_STAGES);
        });
        assertThat(CaseUrgency.escalated(Urgency.IN_STAGES, WarningLevel.ORANGE))
                .isEqualTo(Urgency.SOLVE_NOW);
        assertThat(CaseUrgency.escalated(Urgency.SOLVE_NOW, WarningLevel.RED)).isEqualTo(Urgency.SOLVE_NOW);
    }

    @Test
    void clearedWarningAddsANoteAndProposesClosing() {
        CaseState open = routedCase(WarningLevel.YELLOW, "advisor-a");
        List<CaseChange> changes = decisions.decide(
                Optional.of(open),
                new CaseCommand.ClearWarning("e3", "warning-1", WarningClearReason.SCORE_BELOW_LINE, AT));
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOf(NoteAdded.class);
        assertThat(changes.get(1)).isInstanceOf(ClosingProposed.class);
        CaseState after = decisions
                .decideAndEvolve(
                        Optional.of(open),
                        new CaseCommand.ClearWarning("e3", "warning-1", WarningClearReason.SCORE_BELOW_LINE, AT))
                .after()
                .orElseThrow();
        assertThat(after.progress().closeProposed()).isTrue();
        assertThat(after.version()).as("notes and proposals are not published").isEqualTo(open.version());
    }

    @Test
    void clearedWarningWithoutOpenCaseChangesNothing() {
        assertThat(decisions.decide(
                        Optional.empty(),
                        new CaseCommand.ClearWarning("e3", "warning-1", WarningClearReason.OTHER, AT)))
                .isEmpty();
    }

    @Test
    void anotherMoreUrgentWarningOfAnOpenCaseRaisesUrgencyWithANote() {
        CaseState open = routedCase(WarningLevel.YELLOW, "advisor-a");
        List<CaseChange> changes = decisions.decide(Optional.of(open), raise("e9", WarningLevel.RED));
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOf(NoteAdded.class);
        assertThat(changes.get(1)).isInstanceOf(UrgencyRaised.class);
    }

    @Test
    void routingWithoutAdvisorHandsTheCaseToTheSupervisor() {
        Optional<CaseState> opened = decisions
                .decideAndEvolve(Optional.empty(), raise("e1", WarningLevel.RED))
                .after();
        List<CaseChange> changes =
                decisions.decide(opened, new CaseCommand.Route(new RoutingDecision.NoAdvisor("supervisor-street"), AT));
        assertThat(changes).singleElement().isInstanceOf(OwnedBySupervisor.class);
        CaseState owned = decisions.evolve(opened, changes.get(0)).orElseThrow();
        assertThat(owned.assignment().ownerId()).isEqualTo("supervisor-street");
        assertThat(owned.assignment().role()).isEqualTo(CaseState.OwnerRole.SUPERVISOR);
    }

    @Test
    void aRoutedCaseCannotBeRoutedAgain() {
        CaseState open = routedCase(WarningLevel.YELLOW, "advisor-a");
        assertThatThrownBy(() -> decisions.decide(
                        Optional.of(open), new CaseCommand.Route(new RoutingDecision.ToAdvisor("advisor-b"), AT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("owned by advisor-a");
    }

    @Test
    void reassignmentNamesThePreviousOwnerAndTheSupervisor() {
        CaseState open = routedCase(WarningLevel.YELLOW, "advisor-a");
        assertThat(decisions.decide(Optional.of(open), new CaseCommand.Reassign("advisor-b", "supervisor-1", AT)))
                .containsExactly(new CaseAssigned("advisor-b", "advisor-a", "supervisor-1", AT));
        assertThat(decisions.decide(Optional.of(open), new CaseCommand.Reassign("advisor-a", "supervisor-1", AT)))
                .as("to the owner already")
                .isEmpty();
    }

    @Test
    void publishedChangesGetDeterministicEventIds() {
        CaseState open = routedCase(WarningLevel.YELLOW, "advisor-a");
        assertThat(open.version()).isEqualTo(2);
        assertThat(CaseEvents.eventId(open.id(), 2)).isEqualTo(CaseEvents.eventId(open.id(), 2));
        assertThat(CaseEvents.eventId(open.id(), 2)).isNotEqualTo(CaseEvents.eventId(open.id(), 1));
    }
}
