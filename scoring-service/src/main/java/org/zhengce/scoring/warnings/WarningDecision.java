package org.zhengce.scoring.warnings;

import java.time.Instant;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningLevel;

/**
 * What an assessment does to a household's warning. Sealed, and every use goes through a {@link Visitor}, so that a
 * new kind of decision fails to compile wherever it is not handled (Java 17 has no pattern switch).
 */
public sealed interface WarningDecision {

    /** Hands this decision to the visitor's method for its kind. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of decision. */
    interface Visitor<R> {
        R raised(Raised raised);

        R escalated(Escalated escalated);

        R deescalated(Deescalated deescalated);

        R cleared(Cleared cleared);

        R unchanged(Unchanged unchanged);
    }

    /**
     * A household not warned is warned now: a new warning is raised (published).
     *
     * @param threshold the line of the level the total reached
     */
    record Raised(String warningId, WarningCategory category, WarningLevel level, int total, int threshold, Instant at)
            implements WarningDecision {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.raised(this);
        }
    }

    /**
     * The open warning's level rose, or its category changed (whatever its level): escalated (published).
     *
     * @param since when the warning was raised
     */
    record Escalated(
            String warningId,
            Instant since,
            WarningCategory previousCategory,
            WarningCategory category,
            WarningLevel previousLevel,
            WarningLevel level,
            int total)
            implements WarningDecision {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.escalated(this);
        }
    }

    /**
     * The open warning's level fell, in the same category, and the household is still warned: the warning stays open
     * at the lower level. A change of state only: nothing is published (the warning events have no de-escalation), so
     * a later rise back is published as escalated.
     *
     * @param since when the warning was raised
     */
    record Deescalated(
            String warningId,
            Instant since,
            WarningCategory category,
            WarningLevel previousLevel,
            WarningLevel level,
            int total)
            implements WarningDecision {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deescalated(this);
        }
    }

    /** The household is no longer warned: the open warning is cleared (published), with the reason. */
    record Cleared(String warningId, WarningClearReason reason, int total) implements WarningDecision {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cleared(this);
        }
    }

    /**
     * Nothing changes: not warned and still not, or warned at the same category and level (including a warning the
     * hysteresis band holds at its level although the total fell below its line).
     */
    record Unchanged() implements WarningDecision {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unchanged(this);
        }
    }
}
