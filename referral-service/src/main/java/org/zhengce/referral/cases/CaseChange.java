package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;

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
    record ClosingProposed(String reason, Instant at) implements CaseChange {}
}
