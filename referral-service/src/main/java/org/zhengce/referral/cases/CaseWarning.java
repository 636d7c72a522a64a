package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The warning behind a case as the API shows it: the latest one applied to the case (raised or escalated), with
 * the scoring model's reasons, fact by fact. No identity numbers: a reason names a department's event.
 *
 * @param threshold the warning line crossed; an escalation keeps the line of the warning it escalates
 * @param raisedAt when it was raised, or escalated
 */
public record CaseWarning(
        String warningId,
        String category,
        String level,
        int total,
        @Nullable Integer threshold,
        String modelVersion,
        Instant raisedAt,
        List<Reason> reasons) {

    /**
     * One fact that moved the score: from which department, which event, which dimension, by how many points, and by
     * which rule of the model (null on warnings from before scoring named it).
     */
    public record Reason(
            String department,
            String eventId,
            String eventType,
            Instant occurredAt,
            String dimension,
            int points,
            @Nullable String rule) {}
}
