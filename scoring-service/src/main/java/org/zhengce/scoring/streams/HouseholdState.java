package org.zhengce.scoring.streams;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;

/**
 * What scoring last published for a household: its score (so a score is emitted only when it changes) and its
 * warning (so a warning is raised once per state, escalated when its level rises, cleared when it goes).
 *
 * @param warningId the open warning's id, null when not warned
 * @param dueKey the household's entry in the due store, if any (to replace it)
 */
public record HouseholdState(
        String modelVersion,
        Map<Dimension, Integer> dimensions,
        int total,
        @Nullable WarningCategory category,
        @Nullable WarningLevel level,
        @Nullable String warningId,
        @Nullable Instant warnedSince,
        @Nullable String communityCode,
        Instant assessedAt,
        @Nullable String dueKey) {

    public boolean warned() {
        return warningId != null;
    }
}
