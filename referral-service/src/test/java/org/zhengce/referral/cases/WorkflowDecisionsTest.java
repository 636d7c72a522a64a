package org.zhengce.referral.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
import org.zhengce.events.Programme;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.cases.CaseChange.DeadlineMissed;
import org.zhengce.referral.cases.CaseChange.Reopened;
import org.zhengce.referral.outbox.CaseEvents;
import org.zhengce.referral.visits.Need;

/** The workflow's state machine: every transition, every guard, every deadline it sets. */
class WorkflowDecisionsTest {

    private static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final List<Need> NEEDS = List.of(new Need("medical.escort", Urgency.SOLVE_NOW));
    private final CaseDecisions decisions = new CaseDecisions(TestDeadlines.DEADLINES);

    private CaseState assigned(WarningLevel level) {
        CaseCommand.RaiseWarning raise = new CaseCommand.RaiseWarning(
                "e1", "w1", "H1", "110105001001", WarningCategory.ASSISTANCE_INSUFFICIENT, level, "m-1", AT);
        Optional<CaseState> opened =
                decisions.decideAndEvolve(Optional.empty(), raise).after();
        return apply(opened.orElseThrow(), new CaseCommand.Route(new RoutingDecision.ToAdvisor("advisor-a"), AT));
    }

    private CaseState apply(CaseState state, CaseCommand command) {
        return decisions.decideAndEvolve(Optional.of(state), command).after().orElseThrow();
    }

    private static CaseCommand visit(Instant at) {
        return new CaseCommand.RecordVisit(UUID.randomUUID(), "advisor-a", at, "found", NEEDS, null, at);
    }

    private static CaseCommand refer(ReferralTier tier, Instant at) {
        return new CaseCommand.Refer(
                tier,
                tier == ReferralTier.COMPREHENSIVE_SERVICE ? Programme.DIBAO : null,
                tier == ReferralTier.REFERRAL ? "org-1" : null,
                tier == ReferralTier.REFERRAL ? "Org" : null,
                tier == ReferralTier.TRACKING ? 14 : null,
                null,
                at);
    }

    private CaseState verified(WarningLevel level) {
        CaseState visited = apply(assigned(level), visit(AT.plusSeconds(3600)));
        return apply(visited, new CaseCommand.Verify(NEEDS, "verified", AT.plusSeconds(7200)));
    }

    private void assertRefused(CaseState state, CaseCommand command, CaseStage.Step step) {
        assertThatThrownBy(() -> decisions.decide(Optional.of(state), command))
                .isInstanceOfSatisfying(CaseTransitionRefused.class, refusal -> {
                    // the domain's refusal, as the web layer answers it
                    CaseProblem refused = CaseProblem.refused(refusal);
                    assertThat(refused.getBody().getProperties())
                            .containsEntry("currentState", state.stage().name())
                            .containsEntry(
                                    "allowedTransitions",
                                    CaseStage.Step.names(state.stage().allowed()))
                            .containsEntry("step", step.name());
                    assertThat(refused.getStatusCode().value()).isEqualTo(409);
                });
    }

    @Test
    void aRoutedCaseIsAssignedWithTheVisitDue() {
        CaseState s = assigned(WarningLevel.YELLOW);
        assertThat(s.stage()).isEqualTo(CaseStage.ASSIGNED);
        assertThat(s.due().step()).isEqualTo(DueStep.VISIT);
        assertThat(s.due().at()).isEqualTo(AT.plus(Duration.ofHours(72)));
        assertThat(s.warning().modelVersion()).isEqualTo("m-1");
    }

    @Test
    void theFirstVisitMovesToVisitedAndSetsTheVerifyDeadline() {
        Instant visitedAt = AT.plusSeconds(3600);
        CaseState s = apply(assigned(WarningLevel.YELLOW), visit(visitedAt));
        assertThat(s.stage()).isEqualTo(CaseStage.VISITED);
        assertThat(s.progress().firstVisitedAt()).isEqualTo(visitedAt);
        assertThat(s.due().step()).isEqualTo(DueStep.VERIFY);
        assertThat(s.due().at()).isEqualTo(visitedAt.plus(Duration.ofHours(120)));
        CaseState again = apply(s, visit(visitedAt.plusSeconds(60)));
        assertThat(again.progress().firstVisitedAt()).isEqualTo(visitedAt);
        assertThat(decisions.decide(Optional.of(s), visit(visitedAt)).get(0))
                .isInstanceOfSatisfying(
                        CaseChange.Visited.class, v -> assertThat(v.first()).isFalse());
    }

    @Test
    void anUrgentCaseMustBeVerifiedSooner() {
        CaseState s = apply(assigned(WarningLevel.RED), visit(AT));
        assertThat(s.due().at()).isEqualTo(AT.plus(Duration.ofHours(48)));
    }

    @Test
    void verifyBeforeVisitIsRefusedNamingTheStateAndTheAllowedSteps() {
        assertRefused(
                assigned(WarningLevel.YELLOW), new CaseCommand.Verify(List.of(), null, AT), CaseStage.Step.VERIFY);
        assertRefused(
                assigned(WarningLevel.YELLOW),
                new CaseCommand.Dismiss(DismissalReason.NOT_IN_DIFFICULTY, null, AT),
                CaseStage.Step.DISMISS);
        assertRefused(assigned(WarningLevel.YELLOW), refer(ReferralTier.REFERRAL, AT), CaseStage.Step.REFER);
    }

    @Test
    void verificationMakesThePlanDue() {
        CaseState s = verified(WarningLevel.YELLOW);
        assertThat(s.stage()).isEqualTo(CaseStage.VERIFIED);
        assertThat(s.progress().verifiedAt()).isEqualTo(AT.plusSeconds(7200));
        assertThat(s.due().step()).isEqualTo(DueStep.PLAN);
        assertThat(s.due().at()).isEqualTo(AT.plusSeconds(7200).plus(Duration.ofDays(5)));
    }

    @Test
    void dismissalClosesTheCaseWithItsReasonAndOnlyReopeningIsAllowed() {
        CaseState visited = apply(assigned(WarningLevel.YELLOW), visit(AT));
        CaseState s = apply(visited, new CaseCommand.Dismiss(DismissalReason.NOT_IN_DIFFICULTY, "ok", AT));
        assertThat(s.stage()).isEqualTo(CaseStage.DISMISSED);
        assertThat(s.isOpen()).isFalse();
        assertThat(s.ending().dismissalReason()).isEqualTo(DismissalReason.NOT_IN_DIFFICULTY);
        assertThat(s.due().step()).isNull();
        assertRefused(s, visit(AT), CaseStage.Step.VISIT);
        CaseState reopened = apply(s, new CaseCommand.Reopen(null, "new facts", AT.plusSeconds(60)));
        assertThat(reopened.stage()).isEqualTo(CaseStage.ASSIGNED);
        assertThat(reopened.isOpen()).isTrue();
        assertThat(reopened.ending().dismissalReason()).isNull();
        assertThat(reopened.progress().reopenedCount()).isEqualTo(1);
        assertThat(reopened.due().step()).isEqualTo(DueStep.VISIT);
    }

    @Test
    void eachTierIsAReferralAndTrackingSchedulesItsReviews() {
        CaseState comprehensive = apply(verified(WarningLevel.YELLOW), refer(ReferralTier.COMPREHENSIVE_SERVICE, AT));
        assertThat(comprehensive.stage()).isEqualTo(CaseStage.REFERRED);
        assertThat(comprehensive.referral().tier()).isEqualTo(ReferralTier.COMPREHENSIVE_SERVICE);
        assertThat(comprehensive.due().step()).isNull();

        CaseState tracking = apply(verified(WarningLevel.YELLOW), refer(ReferralTier.TRACKING, AT));
        assertThat(tracking.due().step()).isEqualTo(DueStep.REVIEW);
        assertThat(tracking.due().at()).isEqualTo(AT.plus(Duration.ofDays(14)));
        Instant review = AT.plus(Duration.ofDays(13));
        CaseState reviewed = apply(tracking, visit(review));
        assertThat(reviewed.stage()).isEqualTo(CaseStage.REFERRED);
        assertThat(reviewed.due().at()).isEqualTo(review.plus(Duration.ofDays(14)));
    }

    @Test
    void closingWithAnOpenReferralIsRefused() {
        CaseState referred = apply(verified(WarningLevel.YELLOW), refer(ReferralTier.REFERRAL, AT));
        assertRefused(referred, new CaseCommand.Close(CaseOutcome.NEEDS_MET, null, 1, AT), CaseStage.Step.CLOSE);
        CaseState closed = apply(referred, new CaseCommand.Close(CaseOutcome.NEEDS_MET, null, 0, AT));
        assertThat(closed.stage()).isEqualTo(CaseStage.CLOSED);
        assertThat(closed.ending().outcome()).isEqualTo(CaseOutcome.NEEDS_MET);
        assertThat(closed.isOpen()).isFalse();
    }

    @Test
    void closingBeforeVerificationNeedsAClearedWarning() {
        CaseState s = assigned(WarningLevel.YELLOW);
        CaseCommand close = new CaseCommand.Close(CaseOutcome.NO_LONGER_NEEDED, null, 0, AT);
        assertRefused(s, close, CaseStage.Step.CLOSE);
        CaseState cleared = apply(
                s,
                new CaseCommand.ClearWarning("e9", "w1", org.zhengce.events.WarningClearReason.SCORE_BELOW_LINE, AT));
        assertThat(apply(cleared, close).stage()).isEqualTo(CaseStage.CLOSED);
    }

    @Test
    void aVerifiedCaseCannotBeClosedWithoutAReferral() {
        assertRefused(
                verified(WarningLevel.YELLOW),
                new CaseCommand.Close(CaseOutcome.OTHER, null, 0, AT),
                CaseStage.Step.CLOSE);
    }

    @Test
    void assistFirstIsForUrgentCasesOnceAndHasItsOwnVerifyDeadline() {
        assertRefused(
                assigned(WarningLevel.YELLOW), new CaseCommand.AssistFirst("cash", AT), CaseStage.Step.ASSIST_FIRST);
        CaseState urgent = assigned(WarningLevel.RED);
        CaseState assisted = apply(urgent, new CaseCommand.AssistFirst("temporary assistance paid", AT));
        assertThat(assisted.progress().assistFirst()).isTrue();
        assertThat(assisted.stage()).isEqualTo(CaseStage.ASSIGNED);
        assertThat(assisted.due().step()).isEqualTo(DueStep.VERIFY);
        assertThat(assisted.due().at()).isEqualTo(AT.plus(Duration.ofHours(96)));
        assertRefused(assisted, new CaseCommand.AssistFirst("again", AT), CaseStage.Step.ASSIST_FIRST);
        // the visit after keeps the assist-first deadline; the verification says it was assisted first
        CaseState visited = apply(assisted, visit(AT.plusSeconds(600)));
        assertThat(visited.due().at()).isEqualTo(AT.plus(Duration.ofHours(96)));
        List<CaseChange> verified =
                decisions.decide(Optional.of(visited), new CaseCommand.Verify(NEEDS, null, AT.plusSeconds(900)));
        assertThat(verified.get(0))
                .isInstanceOfSatisfying(
                        CaseChange.Verified.class,
                        v -> assertThat(v.assistedFirst()).isTrue());
    }

    @Test
    void aMissedDeadlineIsEscalatedOnceAndANewDeadlineCanBeEscalatedAgain() {
        CaseState s = assigned(WarningLevel.YELLOW);
        Instant late = s.due().at().plusSeconds(1);
        assertThat(decisions.decide(
                        Optional.of(s),
                        new CaseCommand.MissDeadline("sup", s.due().at().minusSeconds(1))))
                .isEmpty();
        List<CaseChange> missed = decisions.decide(Optional.of(s), new CaseCommand.MissDeadline("sup", late));
        assertThat(missed).singleElement().isInstanceOfSatisfying(DeadlineMissed.class, m -> {
            assertThat(m.step()).isEqualTo(DueStep.VISIT);
            assertThat(m.supervisorId()).isEqualTo("sup");
        });
        CaseState escalated = apply(s, new CaseCommand.MissDeadline("sup", late));
        assertThat(escalated.due().escalated()).isTrue();
        assertThat(decisions.decide(Optional.of(escalated), new CaseCommand.MissDeadline("sup", late)))
                .isEmpty();
        CaseState visited = apply(escalated, visit(late));
        assertThat(visited.due().escalated()).isFalse();
        assertThat(decisions.decide(
                        Optional.of(visited),
                        new CaseCommand.MissDeadline("sup", visited.due().at().plusSeconds(1))))
                .hasSize(1);
    }

    @Test
    void aNewWarningReopensATrackedHouseholdForAVisit() {
        CaseState tracking = apply(verified(WarningLevel.YELLOW), refer(ReferralTier.TRACKING, AT));
        Instant later = AT.plus(Duration.ofDays(20));
        List<CaseChange> changes = decisions.decide(
                Optional.of(tracking),
                new CaseCommand.RaiseWarning(
                        "e5",
                        "w5",
                        "H1",
                        "110105001001",
                        WarningCategory.EARLY_WARNING,
                        WarningLevel.RED,
                        "m-2",
                        later));
        assertThat(changes).anyMatch(Reopened.class::isInstance);
        CaseState reopened = apply(
                tracking,
                new CaseCommand.RaiseWarning(
                        "e5",
                        "w5",
                        "H1",
                        "110105001001",
                        WarningCategory.EARLY_WARNING,
                        WarningLevel.RED,
                        "m-2",
                        later));
        assertThat(reopened.stage()).isEqualTo(CaseStage.ASSIGNED);
        assertThat(reopened.warning().urgency()).isEqualTo(Urgency.SOLVE_NOW);
        assertThat(reopened.due().step()).isEqualTo(DueStep.VISIT);
        assertThat(reopened.due().at()).isEqualTo(later.plus(Duration.ofHours(24)));
        assertThat(reopened.warning().id()).isEqualTo("w5");
    }

    @Test
    void aWarningForACaseInProgressDoesNotReopenIt() {
        CaseState visited = apply(assigned(WarningLevel.YELLOW), visit(AT));
        List<CaseChange> changes = decisions.decide(
                Optional.of(visited),
                new CaseCommand.RaiseWarning(
                        "e6", "w6", "H1", "110105001001", WarningCategory.EARLY_WARNING, WarningLevel.BLUE, "m-1", AT));
        assertThat(changes).noneMatch(Reopened.class::isInstance);
    }

    @Test
    void anEscalationTightensADueVisit() {
        CaseState s = assigned(WarningLevel.BLUE);
        Instant at = AT.plusSeconds(3600);
        CaseState escalated = apply(
                s,
                new CaseCommand.EscalateWarning(
                        "e7",
                        "w1",
                        "H1",
                        "110105001001",
                        WarningCategory.ASSISTANCE_INSUFFICIENT,
                        WarningLevel.RED,
                        "m-1",
                        at));
        assertThat(escalated.warning().urgency()).isEqualTo(Urgency.SOLVE_NOW);
        assertThat(escalated.due().at()).isEqualTo(at.plus(Duration.ofHours(24)));
    }

    @Test
    void everyPublishedChangeMapsToACaseEvent() {
        CaseState s = verified(WarningLevel.RED);
        for (CaseChange change : List.of(
                new CaseChange.Dismissed(DismissalReason.OTHER, null, AT),
                new CaseChange.AssistedFirst("cash", AT),
                new CaseChange.Closed(CaseOutcome.ASSISTED, null, AT),
                new CaseChange.Reopened("w", "r", AT),
                new DeadlineMissed(DueStep.PLAN, AT, "sup", AT))) {
            assertThat(CaseEvents.of(change, s, "advisor-a")).isPresent();
        }
    }
}
