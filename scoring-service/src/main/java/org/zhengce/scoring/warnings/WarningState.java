package org.zhengce.scoring.warnings;

import java.time.Instant;
import java.util.Objects;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;

/** A household's warning: none, or one open since it was raised, at its category and level now. */
public sealed interface WarningState {

    /** The state of a household that has no open warning. */
    WarningState NOT_WARNED = new NotWarned();

    /** No open warning. */
    record NotWarned() implements WarningState {}

    /**
     * An open warning.
     *
     * @param warningId the warning's id, the same in its raised, escalated and cleared events
     * @param since when it was raised
     */
    record Open(String warningId, Instant since, WarningCategory category, WarningLevel level) implements WarningState {

        public Open {
            Objects.requireNonNull(warningId, "warningId");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(level, "level");
        }
    }
}
