package org.zhengce.scoring.warnings;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.warnings.WarningDecision.Cleared;
import org.zhengce.scoring.warnings.WarningDecision.Deescalated;
import org.zhengce.scoring.warnings.WarningDecision.Escalated;
import org.zhengce.scoring.warnings.WarningDecision.Raised;
import org.zhengce.scoring.warnings.WarningDecision.Unchanged;
import org.zhengce.scoring.warnings.WarningState.Open;

/**
 * The warning lifecycle, pure: {@link #decide} turns a household's warning state and its new assessment into one
 * {@link WarningDecision}, {@link #evolve} applies it. Time comes with the assessment, never from a clock.
 *
 * <ul>
 *   <li>Not warned, and the model warns: <b>raised</b>, with a deterministic id.
 *   <li>Open, and the level rises or the category changes: <b>escalated</b> (a category change escalates whatever
 *       the level).
 *   <li>Open, same category, lower level: <b>de-escalated</b>, a change of state only: nothing is published.
 *   <li>Open, and the model no longer warns: <b>cleared</b>, with the assessment's cause as the reason.
 *   <li>Otherwise <b>unchanged</b>.
 * </ul>
 *
 * <p><b>Hysteresis.</b> When the score falls (cause {@code SCORE_BELOW_LINE}), an open warning is judged against its
 * lines lowered by {@code hysteresisPoints}: it keeps a level (up to its own) while the total stays within the band
 * below that level's line, so it is de-escalated or cleared only once the total falls past the band, and a household
 * hovering around a line is warned once, not warned, cleared and warned again. The band never raises or escalates,
 * and it does not hold a warning against a granted assistance (the warning was answered) or a new model version
 * (judged afresh on the new lines). With a band of 0 the decisions are exactly the model's levels.
 *
 * @param hysteresisPoints the band below each line, in points, at least 0
 */
public record WarningDecider(int hysteresisPoints) {

    private static final Unchanged UNCHANGED = new Unchanged();

    public WarningDecider {
        if (hysteresisPoints < 0) {
            throw new IllegalArgumentException("the hysteresis band must be at least 0 points, is " + hysteresisPoints);
        }
    }

    /** A decision and the state it leaves. */
    public record Outcome(WarningDecision decision, WarningState after) {}

    /** Decides and evolves: what {@code assessed} does to {@code state}, and the state after it. */
    public Outcome apply(WarningState state, Assessed assessed) {
        WarningDecision decision = decide(state, assessed);
        return new Outcome(decision, evolve(state, decision));
    }

    /** What {@code assessed} does to the household's warning {@code state}. */
    public WarningDecision decide(WarningState state, Assessed assessed) {
        if (!(state instanceof Open open)) {
            if (!assessed.warned()) {
                return UNCHANGED;
            }
            return new Raised(
                    WarningIds.of(assessed.household(), "warning", assessed.at(), assessed.modelVersion()),
                    assessed.category(),
                    assessed.level(),
                    assessed.total(),
                    assessed.threshold(),
                    assessed.at());
        }
        Standing now = standing(open, assessed);
        if (now == null) {
            return new Cleared(open.warningId(), assessed.cause(), assessed.total());
        }
        if (now.level().ordinal() > open.level().ordinal() || now.category() != open.category()) {
            return new Escalated(
                    open.warningId(),
                    open.since(),
                    open.category(),
                    now.category(),
                    open.level(),
                    now.level(),
                    assessed.total());
        }
        if (now.level().ordinal() < open.level().ordinal()) {
            return new Deescalated(
                    open.warningId(), open.since(), open.category(), open.level(), now.level(), assessed.total());
        }
        return UNCHANGED;
    }

    /** The state after {@code decision}; refuses a decision that does not fit the state (naming both). */
    public WarningState evolve(WarningState state, WarningDecision decision) {
        return decision.accept(new WarningDecision.Visitor<>() {
            @Override
            public WarningState raised(Raised raised) {
                if (state instanceof Open open) {
                    throw new IllegalStateException("warning " + open.warningId()
                            + " is open: it can be escalated, de-escalated or cleared, not raised again by " + raised);
                }
                return new Open(raised.warningId(), raised.at(), raised.category(), raised.level());
            }

            @Override
            public WarningState escalated(Escalated escalated) {
                Open open = open(state, escalated.warningId(), escalated);
                return new Open(open.warningId(), open.since(), escalated.category(), escalated.level());
            }

            @Override
            public WarningState deescalated(Deescalated deescalated) {
                Open open = open(state, deescalated.warningId(), deescalated);
                return new Open(open.warningId(), open.since(), deescalated.category(), deescalated.level());
            }

            @Override
            public WarningState cleared(Cleared cleared) {
                open(state, cleared.warningId(), cleared);
                return WarningState.NOT_WARNED;
            }

            @Override
            public WarningState unchanged(Unchanged unchanged) {
                return state;
            }
        });
    }

    /** The open warning {@code decision} is about, or why it cannot be applied to {@code state}. */
    private static Open open(WarningState state, String warningId, WarningDecision decision) {
        if (state instanceof Open open && open.warningId().equals(warningId)) {
            return open;
        }
        throw new IllegalStateException("cannot apply " + decision + " to " + state + ": only the open warning "
                + warningId + " can be escalated, de-escalated or cleared");
    }

    /** The open warning's category and level after {@code assessed}, the band applied; null when it is cleared. */
    private @Nullable Standing standing(Open open, Assessed assessed) {
        WarningLevel held =
                assessed.cause() == WarningClearReason.SCORE_BELOW_LINE ? held(open.level(), assessed) : null;
        if (held == null) {
            return assessed.warned() ? new Standing(assessed.category(), assessed.level()) : null;
        }
        if (!assessed.warned()) {
            return new Standing(open.category(), held);
        }
        WarningLevel level = assessed.level();
        return new Standing(assessed.category(), held.ordinal() > level.ordinal() ? held : level);
    }

    /**
     * The highest level, up to {@code open}, whose line lowered by the band the total still reaches; null when none
     * (or when there is no band).
     */
    private @Nullable WarningLevel held(WarningLevel open, Assessed assessed) {
        if (hysteresisPoints == 0) {
            return null;
        }
        WarningLevel held = null;
        for (Map.Entry<WarningLevel, Integer> line : assessed.lines().entrySet()) {
            if (line.getKey().ordinal() <= open.ordinal() && assessed.total() >= line.getValue() - hysteresisPoints) {
                held = line.getKey();
            }
        }
        return held;
    }

    private record Standing(WarningCategory category, WarningLevel level) {}
}
