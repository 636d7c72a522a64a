package org.zhengce.scoring.warnings;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningLevel;

/**
 * A household's new assessment, as the warning decider needs it: what the model says now, why the household was
 * assessed, and when.
 *
 * @param household the household's number
 * @param modelVersion the version of the model that assessed it
 * @param total the household's total score
 * @param category the category the model gives, null when it does not warn the household
 * @param level the level the model gives, null when it does not warn the household
 * @param threshold the line of the level reached by the total (the lowest line when none is reached)
 * @param lines the model's warning lines: the total at which each level starts
 * @param cause why a warning would be cleared by this assessment: the score fell ({@code SCORE_BELOW_LINE}, also for
 *     a re-scoring on wall-clock time), assistance was granted, or a new model version was switched to
 * @param at the instant of the assessment
 */
public record Assessed(
        String household,
        String modelVersion,
        int total,
        @Nullable WarningCategory category,
        @Nullable WarningLevel level,
        int threshold,
        Map<WarningLevel, Integer> lines,
        WarningClearReason cause,
        Instant at) {

    public Assessed {
        if ((category == null) != (level == null)) {
            throw new IllegalArgumentException("a warning has both a category and a level, or neither");
        }
        EnumMap<WarningLevel, Integer> copy = new EnumMap<>(WarningLevel.class);
        copy.putAll(lines);
        lines = Collections.unmodifiableMap(copy);
    }

    /** True when the model warns the household. */
    public boolean warned() {
        return category != null;
    }
}
