package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
import org.zhengce.events.Programme;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.policies.HouseholdFacts;
import org.zhengce.referral.visits.Need;

/** What can be asked of a household's case. */
public sealed interface CaseCommand {

    Instant at();

    /** A warning was raised for the household (warning event {@code warningEventId}). */
    record RaiseWarning(
            String warningEventId,
            String warningId,
            String householdNumber,
            String communityCode,
            WarningCategory category,
            WarningLevel level,
            @Nullable String modelVersion,
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
            @Nullable String modelVersion,
            Instant at)
            implements CaseCommand {

        /** The same warning, as the one that opens a case when the household has none. */
        RaiseWarning asRaise() {
            return new RaiseWarning(
                    warningEventId, warningId, householdNumber, communityCode, category, level, modelVersion, at);
        }
    }

    /**
     * A reporter's tip that opens a case (urgent, or needs the configuration names): a new case with source TIP, or,
     * when the household has an open case, a note on that case's timeline.
     *
     * @param tipEventId the tip's platform event id on {@code household.events}
     */
    record ReportTip(
            String tipEventId,
            String householdNumber,
            String communityCode,
            Urgency urgency,
            ReporterRole reporterRole,
            List<String> needs,
            Instant at)
            implements CaseCommand {}

    /** The household's warning was cleared. */
    record ClearWarning(String warningEventId, String warningId, WarningClearReason reason, Instant at)
            implements CaseCommand {}

    /** Give a newly opened case its owner. */
    record Route(RoutingDecision decision, Instant at) implements CaseCommand {}

    /** A supervisor hands the case to another advisor. */
    record Reassign(String advisorId, String supervisorId, Instant at) implements CaseCommand {}

    /** An advisor visited the household ({@code visitedAt}) and recorded what they found. */
    record RecordVisit(
            UUID visitId,
            String advisorId,
            Instant visitedAt,
            @Nullable String findings,
            List<Need> needs,
            @Nullable HouseholdFacts facts,
            Instant at)
            implements CaseCommand {}

    /** The difficulty is verified (甄别). */
    record Verify(List<Need> needs, @Nullable String note, Instant at) implements CaseCommand {}

    /** Dismissed after the visit. */
    record Dismiss(DismissalReason reason, @Nullable String note, Instant at) implements CaseCommand {}

    /** 先行救助: an urgent case is helped at once ({@code measures}), verified after. */
    record AssistFirst(String measures, Instant at) implements CaseCommand {}

    /** Referred by tier (from a confirmed plan). */
    record Refer(
            ReferralTier tier,
            @Nullable Programme programme,
            @Nullable String organisationId,
            @Nullable String organisationName,
            @Nullable Integer reviewIntervalDays,
            @Nullable String note,
            Instant at)
            implements CaseCommand {}

    /** Closed with an outcome; {@code openReferrals} referrals still unanswered or being served. */
    record Close(CaseOutcome outcome, @Nullable String note, int openReferrals, Instant at) implements CaseCommand {}

    /** A closed or dismissed case opened again: the situation changed. */
    record Reopen(@Nullable String warningId, String reason, Instant at) implements CaseCommand {}

    /** The due step's deadline passed: the case goes to {@code supervisorId}'s attention. */
    record MissDeadline(String supervisorId, Instant at) implements CaseCommand {}

    /** A programme application was refused: the plan is due again. */
    record Replan(String why, Instant at) implements CaseCommand {}
}
