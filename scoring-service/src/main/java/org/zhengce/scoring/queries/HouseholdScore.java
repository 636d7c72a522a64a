package org.zhengce.scoring.queries;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.model.Assessment;
import org.zhengce.scoring.model.Contribution;
import org.zhengce.scoring.streams.HouseholdState;

/**
 * A household's score: what scoring last published (on {@code household.scores} and {@code household.warnings}),
 * and the explanation now.
 *
 * @param modelVersion the model version of the last published score
 * @param warningId the open warning's id, null when the household is not warned
 * @param warnedSince when the open warning was raised
 * @param assessedAt when the last published score was computed
 * @param explanation the stored portrait assessed again with the active model now: every reason
 */
record HouseholdScore(
        String household,
        @Nullable String communityCode,
        String modelVersion,
        Map<Dimension, Integer> dimensions,
        int total,
        @Nullable WarningCategory category,
        @Nullable WarningLevel level,
        @Nullable String warningId,
        @Nullable Instant warnedSince,
        Instant assessedAt,
        Explanation explanation) {

    /**
     * Why a household scores what it scores.
     *
     * @param modelVersion the active model's version
     * @param at the instant assessed (facts age out of their windows on wall-clock time)
     * @param threshold the warning line of the level reached, or the lowest line when none is
     * @param contributions each fact that gave points: the department that reported it, its event, the dimension it
     *     moved, by how many points, and the model rule; those of a dimension add up to its points
     * @param nextChangeAt when the same portrait will score differently without a new event, if ever
     */
    record Explanation(
            String modelVersion,
            Instant at,
            Map<Dimension, Integer> dimensions,
            int total,
            @Nullable WarningCategory category,
            @Nullable WarningLevel level,
            int threshold,
            List<Contribution> contributions,
            @Nullable Instant nextChangeAt) {

        static Explanation of(Assessment assessment, Instant at) {
            return new Explanation(
                    assessment.modelVersion(),
                    at,
                    assessment.dimensions(),
                    assessment.total(),
                    assessment.category(),
                    assessment.level(),
                    assessment.threshold(),
                    assessment.contributions(),
                    assessment.nextChangeAt());
        }
    }

    static HouseholdScore of(String household, HouseholdState state, Explanation explanation) {
        return new HouseholdScore(
                household,
                state.communityCode(),
                state.modelVersion(),
                state.dimensions(),
                state.total(),
                state.category(),
                state.level(),
                state.warningId(),
                state.warnedSince(),
                state.assessedAt(),
                explanation);
    }
}
