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

/**
 * What happened to a case, in the past tense. Every change is taken by a {@link Visitor}: a new change must be
 * added to it, so the compiler makes every evolution of the case handle it (none is silently ignored).
 */
sealed interface CaseChange {

    Instant at();

    <R> R accept(Visitor<R> visitor);

    /** One method per change: what it does to the case. */
    interface Visitor<R> {

        R opened(CaseOpened opened);

        R urgencyRaised(UrgencyRaised raised);

        R assigned(CaseAssigned assigned);

        R ownedBySupervisor(OwnedBySupervisor owned);

        R noteAdded(NoteAdded note);

        R closingProposed(ClosingProposed proposed);

        R visited(Visited visited);

        R verified(Verified verified);

        R dismissed(Dismissed dismissed);

        R assistedFirst(AssistedFirst assisted);

        R referred(Referred referred);

        R closed(Closed closed);

        R reopened(Reopened reopened);

        R deadlineMissed(DeadlineMissed missed);

        R planDue(PlanDue due);
    }

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
            implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.opened(this);
        }
    }

    /** The warning escalated: the urgency went from {@code from} to {@code to} (equal when already the top). */
    record UrgencyRaised(
            Urgency from, Urgency to, WarningCategory category, WarningLevel level, String warningId, Instant at)
            implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.urgencyRaised(this);
        }
    }

    /** Owned by an advisor ({@code by}: the supervisor who re-assigned it; null when routed). */
    record CaseAssigned(
            String advisorId,
            @Nullable String previousOwnerId,
            @Nullable String by,
            Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.assigned(this);
        }
    }

    /** No advisor covers the community: the supervisor owns the case and is alerted. */
    record OwnedBySupervisor(String supervisorId, Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.ownedBySupervisor(this);
        }
    }

    record NoteAdded(String text, Instant at) implements CaseChange {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.noteAdded(this);
        }
    }

    /** The warning was cleared: closing is proposed to the owner (never automatic). */
    record ClosingProposed(String warningId, String reason, Instant at) implements CaseChange {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.closingProposed(this);
        }
    }

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
            implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visited(this);
        }
    }

    record Verified(
            List<Need> needs,
            boolean assistedFirst,
            @Nullable String note,
            Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.verified(this);
        }
    }

    record Dismissed(DismissalReason reason, @Nullable String note, Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dismissed(this);
        }
    }

    /** 先行救助: helped at once; published as a comprehensive-service referral to temporary assistance. */
    record AssistedFirst(String measures, Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.assistedFirst(this);
        }
    }

    record Referred(
            ReferralTier tier,
            @Nullable Programme programme,
            @Nullable String organisationId,
            @Nullable String organisationName,
            @Nullable Integer reviewIntervalDays,
            @Nullable String note,
            Instant at)
            implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.referred(this);
        }
    }

    record Closed(CaseOutcome outcome, @Nullable String note, Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.closed(this);
        }
    }

    record Reopened(@Nullable String warningId, String reason, Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reopened(this);
        }
    }

    /** The deadline of {@code step}, {@code dueAt}, passed: escalated to {@code supervisorId}. */
    record DeadlineMissed(DueStep step, Instant dueAt, String supervisorId, Instant at) implements Published {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deadlineMissed(this);
        }
    }

    /** The plan is due again (an application was refused); not published, the case stays referred. */
    record PlanDue(String why, Instant at) implements CaseChange {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.planDue(this);
        }
    }
}
