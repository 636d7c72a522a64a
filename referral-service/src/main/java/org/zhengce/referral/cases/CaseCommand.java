package org.zhengce.referral.cases;

import java.time.Instant;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.routing.RoutingDecision;

/** What can be asked of a household's case. */
sealed interface CaseCommand {

    Instant at();

    /** A warning was raised for the household (warning event {@code warningEventId}). */
    record RaiseWarning(
            String warningEventId,
            String warningId,
            String householdNumber,
            String communityCode,
            WarningCategory category,
            WarningLevel level,
            Instant at)
            implements CaseCommand {}

    /** The household's warning was escalated to {@code level}. */
    record EscalateWarning(
            String warningEventId,
            String warningId,
            String householdNumber,
            String communityCode,
            WarningCategory category,
            WarningLevel level,
            Instant at)
            implements CaseCommand {}

    /** The household's warning was cleared. */
    record ClearWarning(String warningEventId, String warningId, WarningClearReason reason, Instant at)
            implements CaseCommand {}

    /** Give a newly opened case its owner. */
    record Route(RoutingDecision decision, Instant at) implements CaseCommand {}

    /** A supervisor hands the case to another advisor. */
    record Reassign(String advisorId, String supervisorId, Instant at) implements CaseCommand {}
}
