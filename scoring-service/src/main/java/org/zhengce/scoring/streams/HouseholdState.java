package org.zhengce.scoring.streams;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.warnings.WarningState;

/**
 * What scoring last published for a household: its score (so a score is emitted only when it changes) and its
 * warning (so a warning is raised once per state, escalated when its level rises, cleared when it goes): the
 * {@link WarningState} the warning decider starts from, in the fields the state store has always kept.
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

    /** A household's state with its warning as the warning decider left it. */
    HouseholdState(
            String modelVersion,
            Map<Dimension, Integer> dimensions,
            int total,
            WarningState warning,
            @Nullable String communityCode,
            Instant assessedAt,
            @Nullable String dueKey) {
        this(
                modelVersion,
                dimensions,
                total,
                warning instanceof WarningState.Open open ? open.category() : null,
                warning instanceof WarningState.Open open ? open.level() : null,
                warning instanceof WarningState.Open open ? open.warningId() : null,
                warning instanceof WarningState.Open open ? open.since() : null,
                communityCode,
                assessedAt,
                dueKey);
    }

    public boolean warned() {
        return warningId != null;
    }

    /** The household's warning, for the warning decider. */
    public WarningState warning() {
        if (warningId == null) {
            return WarningState.NOT_WARNED;
        }
        return new WarningState.Open(
                warningId,
                Objects.requireNonNull(warnedSince, "warnedSince"),
                Objects.requireNonNull(category, "category"),
                Objects.requireNonNull(level, "level"));
    }
}
