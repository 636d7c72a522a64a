package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
import org.zhengce.events.Programme;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.policies.HouseholdFacts;
import org.zhengce.referral.visits.Need;

/** What happened to a case, in the past tense. */
sealed interface CaseChange {

    Instant at();

    /** Published on {@code case.events}. */
    sealed interface Published extends CaseChange {}

    record CaseOpened(
            UUID caseId,
            String householdNumber,
            String communityCode,
            Urgency urgency,
            WarningCategory category,
            WarningLevel level,
            String warningId,
            @Nullable String modelVersion,
            Instant at,
            Instant visitDueAt)
            implements Published {}

    /** The warning escalated: the urgency went from {@code from} to {@code to} (equal when already the top). */
    record UrgencyRaised(
            Urgency from, Urgency to, WarningCategory category, WarningLevel level, String warningId, Instant at)
            implements Published {}

    /** Owned by an advisor ({@code by}: the supervisor who re-assigned it; null when routed). */
    record CaseAssigned(
            String advisorId,
            @Nullable String previousOwnerId,
            @Nullable String by,
            Instant at) implements Published {}

    /** No advisor covers the community: the supervisor owns the case and is alerted. */
    record OwnedBySupervisor(String supervisorId, Instant at) implements Published {}

    record NoteAdded(String text, Instant at) implements CaseChange {}

    /** The warning was cleared: closing is proposed to the owner (never automatic). */
    record ClosingProposed(String warningId, String reason, Instant at) implements CaseChange {}

    /** A visit recorded; {@code first} when it is the case's first. */
    record Visited(
            UUID visitId,
            String advisorId,
            Instant visitedAt,
            @Nullable String findings,
            List<Need> needs,
            @Nullable HouseholdFacts facts,
            boolean first,
            Instant at)
            implements Published {}

    record Verified(
            List<Need> needs,
            boolean assistedFirst,
            @Nullable String note,
            Instant at) implements Published {}

    record Dismissed(DismissalReason reason, @Nullable String note, Instant at) implements Published {}

    /** 先行救助: helped at once; published as a comprehensive-service referral to temporary assistance. */
    record AssistedFirst(String measures, Instant at) implements Published {}

    record Referred(
            ReferralTier tier,
            @Nullable Programme programme,
            @Nullable String organisationId,
            @Nullable String organisationName,
            @Nullable Integer reviewIntervalDays,
            @Nullable String note,
            Instant at)
            implements Published {}

    record Closed(CaseOutcome outcome, @Nullable String note, Instant at) implements Published {}

    record Reopened(@Nullable String warningId, String reason, Instant at) implements Published {}

    /** The deadline of {@code step}, {@code dueAt}, passed: escalated to {@code supervisorId}. */
    record DeadlineMissed(DueStep step, Instant dueAt, String supervisorId, Instant at) implements Published {}

    /** The plan is due again (an application was refused); not published, the case stays referred. */
    record PlanDue(String why, Instant at) implements CaseChange {}
}
