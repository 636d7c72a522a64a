package org.zhengce.scoring.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;

/**
 * A household's score at one instant, with its explanation (评估结果).
 *
 * @param modelVersion the version of the model that computed it
 * @param dimensions the points of each of the six dimensions (never {@code UNKNOWN}), in the enum's order, capped
 * @param total the sum of the dimensions
 * @param contributions every fact that gave points: by dimension, then in the model's rule order, newest fact first;
 *     those of a dimension add up to its points
 * @param category the warning category, null when the household is not warned
 * @param level the warning level, null when the household is not warned
 * @param threshold the warning line of the level reached by the total; the lowest line when the total reaches none
 *     (not warned, or an early warning below the line)
 * @param nextChangeAt the earliest instant after the assessment's at which the same portrait assesses differently (a
 *     fact leaves its window, a decay step, a member's birthday crossing an age band, a programme's period ending),
 *     so the household can be re-scored then without a new event; null if nothing will change
 */
public record Assessment(
        String modelVersion,
        Map<Dimension, Integer> dimensions,
        int total,
        List<Contribution> contributions,
        @Nullable WarningCategory category,
        @Nullable WarningLevel level,
        int threshold,
        @Nullable Instant nextChangeAt) {

    public Assessment {
        EnumMap<Dimension, Integer> copy = new EnumMap<>(Dimension.class);
        copy.putAll(dimensions);
        for (Dimension dimension : ScoringModel.DIMENSIONS) {
            if (!copy.containsKey(dimension)) {
                throw new IllegalArgumentException("an assessment needs every dimension; " + dimension + " is missing");
            }
        }
        if (copy.containsKey(Dimension.UNKNOWN)) {
            throw new IllegalArgumentException("UNKNOWN is not a dimension of an assessment");
        }
        dimensions = Collections.unmodifiableMap(copy);
        contributions = List.copyOf(contributions);
        if ((category == null) != (level == null)) {
            throw new IllegalArgumentException("a warning has both a category and a level, or neither");
        }
    }

    /** True when the household is warned (a category and a level). */
    public boolean warned() {
        return category != null;
    }

    /** The contributions to one dimension. */
    public List<Contribution> contributionsTo(Dimension dimension) {
        return contributions.stream().filter(c -> c.dimension() == dimension).toList();
    }

    /**
     * True when the other assessment says the same (scores, reasons, category, level, line and model version), whenever
     * each expects its next change.
     */
    public boolean sameOutcomeAs(Assessment other) {
        return modelVersion.equals(other.modelVersion)
                && dimensions.equals(other.dimensions)
                && total == other.total
                && contributions.equals(other.contributions)
                && category == other.category
                && level == other.level
                && threshold == other.threshold;
    }

    Assessment withNextChangeAt(@Nullable Instant next) {
        return Objects.equals(next, nextChangeAt)
                ? this
                : new Assessment(modelVersion, dimensions, total, contributions, category, level, threshold, next);
    }
}
