package org.zhengce.scoring.warnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.events.WarningCategory.ASSISTANCE_INSUFFICIENT;
import static org.zhengce.events.WarningCategory.ASSISTANCE_MISSING;
import static org.zhengce.events.WarningCategory.EARLY_WARNING;
import static org.zhengce.events.WarningClearReason.ASSISTANCE_GRANTED;
import static org.zhengce.events.WarningClearReason.MODEL_CHANGED;
import static org.zhengce.events.WarningClearReason.SCORE_BELOW_LINE;
import static org.zhengce.events.WarningLevel.BLUE;
import static org.zhengce.events.WarningLevel.ORANGE;
import static org.zhengce.events.WarningLevel.RED;
import static org.zhengce.events.WarningLevel.YELLOW;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.warnings.WarningDecision.Cleared;
import org.zhengce.scoring.warnings.WarningDecision.Deescalated;
import org.zhengce.scoring.warnings.WarningDecision.Escalated;
import org.zhengce.scoring.warnings.WarningDecision.Raised;
import org.zhengce.scoring.warnings.WarningDecision.Unchanged;
import org.zhengce.scoring.warnings.WarningState.Open;

/** Given a household's warning state, when it is assessed, then this decision and this state after it. */
class WarningDeciderTest {

    private static final Instant RAISED_AT = Instant.parse("2026-11-20T02:00:00Z");
    private static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");
    /** The lines of wuchang-2026.1: the total at which each level starts. */
    private static final Map<WarningLevel, Integer> LINES = Map.of(BLUE, 30, YELLOW, 45, ORANGE, 60, RED, 80);

    private final WarningDecider withoutBand = new WarningDecider(0);
    private final WarningDecider withBand = new WarningDecider(5);

    // ---- fixtures

    private static Open open(WarningCategory category, WarningLevel level) {
        return new Open("warning-1", RAISED_AT, category, level);
    }

    /** An assessment the model warns, at the line of its level, the score having fallen or risen. */
    private static Assessed warned(int total, WarningCategory category, WarningLevel level) {
        return assessed(total, category, level, SCORE_BELOW_LINE, AT);
    }

    /** An assessment the model does not warn. */
    private static Assessed notWarned(int total, WarningClearReason cause) {
        return assessed(total, null, null, cause, AT);
    }

    /** What the model says of an assistance-missing household at {@code total}: warned from the BLUE line on. */
    private static Assessed byTheLines(int total, Instant at) {
        WarningLevel reached = null;
        for (Map.Entry<WarningLevel, Integer> line : new TreeMap<>(LINES).entrySet()) {
            if (total >= line.getValue()) {
                reached = line.getKey();
            }
        }
        return assessed(total, reached == null ? null : ASSISTANCE_MISSING, reached, SCORE_BELOW_LINE, at);
    }

    private static Assessed assessed(
            int total,
            @Nullable WarningCategory category,
            @Nullable WarningLevel level,
            WarningClearReason cause,
            Instant at) {
        int threshold = level == null ? LINES.get(BLUE) : LINES.get(level);
        return new Assessed("H1", "wuchang-2026.1", total, category, level, threshold, LINES, cause, at);
    }

    /** What a run of assessments (one a day, by the lines) does, each from the state the one before left. */
    private static List<WarningDecider.Outcome> run(WarningDecider decider, WarningState given, int... totals) {
        List<WarningDecider.Outcome> outcomes = new ArrayList<>();
        WarningState state = given;
        Instant at = AT;
        for (int total : totals) {
            WarningDecider.Outcome outcome = decider.apply(state, byTheLines(total, at));
            outcomes.add(outcome);
            state = outcome.after();
            at = at.plus(Duration.ofDays(1));
        }
        return outcomes;
    }

    private static List<WarningDecision> decisions(WarningDecider decider, WarningState given, int... totals) {
        return run(decider, given, totals).stream()
                .map(WarningDecider.Outcome::decision)
                .toList();
    }

    // ---- raise

    @Test
    void householdNotWarnedIsRaisedWhenTheModelWarnsIt() {
        WarningDecider.Outcome outcome =
                withoutBand.apply(WarningState.NOT_WARNED, warned(31, ASSISTANCE_MISSING, BLUE));

        String id = WarningIds.of("H1", "warning", AT, "wuchang-2026.1");
        assertThat(outcome.decision()).isEqualTo(new Raised(id, ASSISTANCE_MISSING, BLUE, 31, 30, AT));
        assertThat(outcome.after()).isEqualTo(new Open(id, AT, ASSISTANCE_MISSING, BLUE));
    }

    @Test
    void sameAssessmentReplayedRaisesTheSameWarningId() {
        Raised first = (Raised) withoutBand.decide(WarningState.NOT_WARNED, warned(31, ASSISTANCE_MISSING, BLUE));
        Raised again = (Raised) withoutBand.decide(WarningState.NOT_WARNED, warned(31, ASSISTANCE_MISSING, BLUE));

        assertThat(again.warningId()).isEqualTo(first.warningId());
    }

    @Test
    void householdNotWarnedAndStillNotIsUnchanged() {
        WarningDecider.Outcome outcome = withoutBand.apply(WarningState.NOT_WARNED, notWarned(12, SCORE_BELOW_LINE));

        assertThat(outcome.decision()).isInstanceOf(Unchanged.class);
        assertThat(outcome.after()).isEqualTo(WarningState.NOT_WARNED);
    }

    // ---- escalate

    @Test
    void higherLevelEscalatesTheOpenWarning() {
        WarningDecider.Outcome outcome =
                withoutBand.apply(open(ASSISTANCE_MISSING, BLUE), warned(46, ASSISTANCE_MISSING, YELLOW));

        assertThat(outcome.decision())
                .isEqualTo(new Escalated(
                        "warning-1", RAISED_AT, ASSISTANCE_MISSING, ASSISTANCE_MISSING, BLUE, YELLOW, 46));
        assertThat(outcome.after()).isEqualTo(new Open("warning-1", RAISED_AT, ASSISTANCE_MISSING, YELLOW));
    }

    @Test
    void categoryChangeEscalatesWhateverTheLevel() {
        WarningDecider.Outcome outcome =
                withoutBand.apply(open(ASSISTANCE_MISSING, YELLOW), warned(31, ASSISTANCE_INSUFFICIENT, BLUE));

        assertThat(outcome.decision())
                .isEqualTo(new Escalated(
                        "warning-1", RAISED_AT, ASSISTANCE_MISSING, ASSISTANCE_INSUFFICIENT, YELLOW, BLUE, 31));
        assertThat(outcome.after()).isEqualTo(new Open("warning-1", RAISED_AT, ASSISTANCE_INSUFFICIENT, BLUE));
    }

    // ---- de-escalate

    @Test
    void lowerLevelInTheSameCategoryDeescalatesTheStateOnly() {
        WarningDecider.Outcome outcome =
                withoutBand.apply(open(ASSISTANCE_MISSING, ORANGE), warned(35, ASSISTANCE_MISSING, BLUE));

        assertThat(outcome.decision())
                .isEqualTo(new Deescalated("warning-1", RAISED_AT, ASSISTANCE_MISSING, ORANGE, BLUE, 35));
        assertThat(outcome.after())
                .as("the same warning, open since it was raised, at the lower level")
                .isEqualTo(new Open("warning-1", RAISED_AT, ASSISTANCE_MISSING, BLUE));
    }

    @Test
    void riseBackAfterADeescalationEscalatesAgain() {
        List<WarningDecision> decisions = decisions(withoutBand, open(ASSISTANCE_MISSING, ORANGE), 35, 61);

        assertThat(decisions).hasExactlyElementsOfTypes(Deescalated.class, Escalated.class);
        assertThat((Escalated) decisions.get(1))
                .extracting(Escalated::previousLevel, Escalated::level)
                .containsExactly(BLUE, ORANGE);
    }

    // ---- unchanged

    @Test
    void sameCategoryAndLevelIsUnchanged() {
        WarningDecider.Outcome outcome =
                withoutBand.apply(open(ASSISTANCE_MISSING, YELLOW), warned(52, ASSISTANCE_MISSING, YELLOW));

        assertThat(outcome.decision()).isInstanceOf(Unchanged.class);
        assertThat(outcome.after()).isEqualTo(open(ASSISTANCE_MISSING, YELLOW));
    }

    // ---- clear

    @Test
    void scoreBelowTheLineClearsTheOpenWarning() {
        WarningDecider.Outcome outcome =
                withoutBand.apply(open(ASSISTANCE_MISSING, BLUE), notWarned(29, SCORE_BELOW_LINE));

        assertThat(outcome.decision()).isEqualTo(new Cleared("warning-1", SCORE_BELOW_LINE, 29));
        assertThat(outcome.after()).isEqualTo(WarningState.NOT_WARNED);
    }

    @Test
    void assistanceGrantedClearsTheOpenWarningWithThatReason() {
        WarningDecider.Outcome outcome =
                withoutBand.apply(open(ASSISTANCE_MISSING, YELLOW), notWarned(18, ASSISTANCE_GRANTED));

        assertThat(outcome.decision()).isEqualTo(new Cleared("warning-1", ASSISTANCE_GRANTED, 18));
        assertThat(outcome.after()).isEqualTo(WarningState.NOT_WARNED);
    }

    @Test
    void newModelThatNoLongerWarnsClearsWithModelChanged() {
        WarningDecider.Outcome outcome = withoutBand.apply(open(EARLY_WARNING, BLUE), notWarned(22, MODEL_CHANGED));

        assertThat(outcome.decision()).isEqualTo(new Cleared("warning-1", MODEL_CHANGED, 22));
        assertThat(outcome.after()).isEqualTo(WarningState.NOT_WARNED);
    }

    // ---- hysteresis

    @Test
    void withoutABandAHouseholdAroundTheLineIsRaisedAndClearedEachTime() {
        assertThat(decisions(withoutBand, WarningState.NOT_WARNED, 31, 27, 32, 26, 30))
                .hasExactlyElementsOfTypes(Raised.class, Cleared.class, Raised.class, Cleared.class, Raised.class);
    }

    @Test
    void oscillationWithinTheBandRaisesOnceAndDoesNotClear() {
        List<WarningDecider.Outcome> outcomes = run(withBand, WarningState.NOT_WARNED, 31, 27, 32, 26, 30, 25);

        assertThat(outcomes)
                .extracting(WarningDecider.Outcome::decision)
                .hasExactlyElementsOfTypes(
                        Raised.class,
                        Unchanged.class,
                        Unchanged.class,
                        Unchanged.class,
                        Unchanged.class,
                        Unchanged.class);
        Raised raised = (Raised) outcomes.get(0).decision();
        assertThat(outcomes.get(outcomes.size() - 1).after())
                .as("the warning raised first, still open at its level")
                .isEqualTo(new Open(raised.warningId(), AT, ASSISTANCE_MISSING, BLUE));
    }

    @Test
    void fallingPastTheBandClears() {
        assertThat(decisions(withBand, WarningState.NOT_WARNED, 31, 27, 24))
                .hasExactlyElementsOfTypes(Raised.class, Unchanged.class, Cleared.class);
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, BLUE), notWarned(24, SCORE_BELOW_LINE)))
                .isEqualTo(new Cleared("warning-1", SCORE_BELOW_LINE, 24));
    }

    @Test
    void withinTheBandOfItsLineAWarningKeepsItsLevelAndBelowItDeescalates() {
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, YELLOW), warned(41, ASSISTANCE_MISSING, BLUE)))
                .isInstanceOf(Unchanged.class);
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, YELLOW), warned(39, ASSISTANCE_MISSING, BLUE)))
                .isEqualTo(new Deescalated("warning-1", RAISED_AT, ASSISTANCE_MISSING, YELLOW, BLUE, 39));
    }

    @Test
    void aWarningFallingFarDeescalatesToTheHighestLevelWhoseBandItIsWithin() {
        // the model says YELLOW at 57, but ORANGE's line less the band (55) is still reached
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, RED), warned(57, ASSISTANCE_MISSING, YELLOW)))
                .isEqualTo(new Deescalated("warning-1", RAISED_AT, ASSISTANCE_MISSING, RED, ORANGE, 57));
    }

    @Test
    void theBandNeitherRaisesNorEscalates() {
        assertThat(withBand.decide(WarningState.NOT_WARNED, notWarned(27, SCORE_BELOW_LINE)))
                .isInstanceOf(Unchanged.class);
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, BLUE), warned(43, ASSISTANCE_MISSING, BLUE)))
                .isInstanceOf(Unchanged.class);
    }

    @Test
    void aCategoryChangeWithinTheBandEscalatesAtTheLevelHeld() {
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, YELLOW), warned(42, ASSISTANCE_INSUFFICIENT, BLUE)))
                .isEqualTo(new Escalated(
                        "warning-1", RAISED_AT, ASSISTANCE_MISSING, ASSISTANCE_INSUFFICIENT, YELLOW, YELLOW, 42));
    }

    @Test
    void theBandDoesNotHoldAWarningAgainstGrantedAssistanceOrANewModel() {
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, BLUE), notWarned(28, ASSISTANCE_GRANTED)))
                .isEqualTo(new Cleared("warning-1", ASSISTANCE_GRANTED, 28));
        assertThat(withBand.decide(open(ASSISTANCE_MISSING, BLUE), notWarned(28, MODEL_CHANGED)))
                .isEqualTo(new Cleared("warning-1", MODEL_CHANGED, 28));
        assertThat(withBand.decide(
                        open(ASSISTANCE_MISSING, YELLOW), assessed(43, ASSISTANCE_MISSING, BLUE, MODEL_CHANGED, AT)))
                .as("nor does it hold a level: a new model is judged on its own lines")
                .isEqualTo(new Deescalated("warning-1", RAISED_AT, ASSISTANCE_MISSING, YELLOW, BLUE, 43));
    }

    @Test
    void anEarlyWarningBelowTheLineIsNotHeldWhenItsEdgeGoes() {
        assertThat(withBand.decide(open(EARLY_WARNING, BLUE), notWarned(12, SCORE_BELOW_LINE)))
                .isEqualTo(new Cleared("warning-1", SCORE_BELOW_LINE, 12));
    }

    // ---- what the decider refuses

    @Test
    void aNegativeBandIsRefused() {
        assertThatThrownBy(() -> new WarningDecider(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void evolveRefusesADecisionThatDoesNotFitTheStateAndNamesIt() {
        Raised raised = new Raised("warning-2", ASSISTANCE_MISSING, BLUE, 31, 30, AT);
        assertThatThrownBy(() -> withoutBand.evolve(open(ASSISTANCE_MISSING, BLUE), raised))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("warning-1 is open");
        assertThatThrownBy(() ->
                        withoutBand.evolve(WarningState.NOT_WARNED, new Cleared("warning-1", SCORE_BELOW_LINE, 20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NotWarned")
                .hasMessageContaining("only the open warning warning-1");
        assertThatThrownBy(() -> withoutBand.evolve(
                        open(ASSISTANCE_MISSING, BLUE), new Cleared("warning-9", SCORE_BELOW_LINE, 20)))
                .isInstanceOf(IllegalStateException.class);
    }
}
