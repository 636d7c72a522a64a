package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;

/**
 * A case, as the decisions see it.
 *
 * @param ownerId null only between opening and routing, inside one decision
 * @param modelVersion the scoring model version of the warning that opened it
 * @param warningAt when that warning was raised
 * @param assistFirst helped first (先行救助), to be verified after
 * @param dueStep the step now due, null when none
 * @param dueAt when {@code dueStep} is due
 * @param overdueEscalated the missed {@code dueAt} was escalated to the supervisor already
 * @param version how many case events were published; the next one's id derives from it
 */
public record CaseState(
        UUID id,
        String householdNumber,
        String communityCode,
        Urgency urgency,
        WarningCategory category,
        @Nullable WarningLevel level,
        @Nullable String warningId,
        @Nullable String modelVersion,
        @Nullable Instant warningAt,
        @Nullable String ownerId,
        OwnerRole ownerRole,
        CaseStage stage,
        boolean closeProposed,
        boolean assistFirst,
        @Nullable DueStep dueStep,
        @Nullable Instant dueAt,
        boolean overdueEscalated,
        @Nullable ReferralTier tier,
        @Nullable Integer reviewIntervalDays,
        int version,
        int reopenedCount,
        Instant openedAt,
        Instant updatedAt,
        Instant visitDueAt,
        @Nullable Instant firstVisitedAt,
        @Nullable Instant verifiedAt,
        @Nullable Instant dismissedAt,
        @Nullable DismissalReason dismissalReason,
        @Nullable Instant referredAt,
        @Nullable Instant closedAt,
        @Nullable CaseOutcome outcome) {

    enum OwnerRole {
        ADVISOR,
        SUPERVISOR
    }

    boolean isOpen() {
        return !stage.isClosed();
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with some components changed; {@link #build} checks nothing, the decisions do. */
    static final class Builder {
        UUID id;
        String householdNumber;
        String communityCode;
        Urgency urgency;
        WarningCategory category;

        @Nullable
        WarningLevel level;

        @Nullable
        String warningId;

        @Nullable
        String modelVersion;

        @Nullable
        Instant warningAt;

        @Nullable
        String ownerId;

        OwnerRole ownerRole;
        CaseStage stage;
        boolean closeProposed;
        boolean assistFirst;

        @Nullable
        DueStep dueStep;

        @Nullable
        Instant dueAt;

        boolean overdueEscalated;

        @Nullable
        ReferralTier tier;

        @Nullable
        Integer reviewIntervalDays;

        int version;
        int reopenedCount;
        Instant openedAt;
        Instant updatedAt;
        Instant visitDueAt;

        @Nullable
        Instant firstVisitedAt;

        @Nullable
        Instant verifiedAt;

        @Nullable
        Instant dismissedAt;

        @Nullable
        DismissalReason dismissalReason;

        @Nullable
        Instant referredAt;

        @Nullable
        Instant closedAt;

        @Nullable
        CaseOutcome outcome;

        private Builder(CaseState s) {
            id = s.id;
            householdNumber = s.householdNumber;
            communityCode = s.communityCode;
            urgency = s.urgency;
            category = s.category;
            level = s.level;
            warningId = s.warningId;
            modelVersion = s.modelVersion;
            warningAt = s.warningAt;
            ownerId = s.ownerId;
            ownerRole = s.ownerRole;
            stage = s.stage;
            closeProposed = s.closeProposed;
            assistFirst = s.assistFirst;
            dueStep = s.dueStep;
            dueAt = s.dueAt;
            overdueEscalated = s.overdueEscalated;
            tier = s.tier;
            reviewIntervalDays = s.reviewIntervalDays;
            version = s.version;
            reopenedCount = s.reopenedCount;
            openedAt = s.openedAt;
            updatedAt = s.updatedAt;
            visitDueAt = s.visitDueAt;
            firstVisitedAt = s.firstVisitedAt;
            verifiedAt = s.verifiedAt;
            dismissedAt = s.dismissedAt;
            dismissalReason = s.dismissalReason;
            referredAt = s.referredAt;
            closedAt = s.closedAt;
            outcome = s.outcome;
        }

        /** A new deadline: {@code step} due at {@code at} (null: nothing due), not escalated yet. */
        Builder due(@Nullable DueStep step, @Nullable Instant at) {
            dueStep = step;
            dueAt = step == null ? null : at;
            overdueEscalated = false;
            return this;
        }

        CaseState build() {
            return new CaseState(
                    id,
                    householdNumber,
                    communityCode,
                    urgency,
                    category,
                    level,
                    warningId,
                    modelVersion,
                    warningAt,
                    ownerId,
                    ownerRole,
                    stage,
                    closeProposed,
                    assistFirst,
                    dueStep,
                    dueAt,
                    overdueEscalated,
                    tier,
                    reviewIntervalDays,
                    version,
                    reopenedCount,
                    openedAt,
                    updatedAt,
                    visitDueAt,
                    firstVisitedAt,
                    verifiedAt,
                    dismissedAt,
                    dismissalReason,
                    referredAt,
                    closedAt,
                    outcome);
        }
    }
}
