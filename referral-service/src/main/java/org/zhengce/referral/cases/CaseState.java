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
 * A case, as the decisions see it: its identity, version and stage, and its named parts (the household, the
 * warning, the assignment, the progress, the deadline now running, the referral, the ending).
 *
 * @param version how many case events were published; the next one's id derives from it
 * @param updatedAt when the last change was made
 */
public record CaseState(
        UUID id,
        int version,
        CaseStage stage,
        Household household,
        Warning warning,
        Assignment assignment,
        Progress progress,
        Due due,
        Referral referral,
        Ending ending,
        Instant updatedAt) {

    public enum OwnerRole {
        ADVISOR,
        SUPERVISOR
    }

    /** The household the case is for, and the community it is handled in. */
    public record Household(String number, String communityCode) {}

    /**
     * The warning the case follows.
     *
     * @param id null only for cases opened before warning ids were kept
     * @param modelVersion the scoring model version of the warning that opened the case
     * @param raisedAt when that warning was raised
     */
    public record Warning(
            Urgency urgency,
            WarningCategory category,
            @Nullable WarningLevel level,
            @Nullable String id,
            @Nullable String modelVersion,
            @Nullable Instant raisedAt) {}

    /** Who owns the case; {@code ownerId} is null only between opening and routing, inside one decision. */
    public record Assignment(@Nullable String ownerId, OwnerRole role) {}

    /**
     * How far the case came.
     *
     * @param visitDueAt when the first visit was due when the case was opened
     * @param assistFirst helped first (先行救助), to be verified after
     * @param closeProposed its warning was cleared: closing is proposed to the owner
     */
    public record Progress(
            Instant openedAt,
            Instant visitDueAt,
            @Nullable Instant firstVisitedAt,
            @Nullable Instant verifiedAt,
            boolean assistFirst,
            boolean closeProposed,
            int reopenedCount) {

        Progress visited(Instant at) {
            Instant first = firstVisitedAt == null ? at : firstVisitedAt;
            return new Progress(openedAt, visitDueAt, first, verifiedAt, assistFirst, closeProposed, reopenedCount);
        }

        Progress verified(Instant at) {
            return new Progress(openedAt, visitDueAt, firstVisitedAt, at, assistFirst, closeProposed, reopenedCount);
        }

        Progress assistedFirst() {
            return new Progress(openedAt, visitDueAt, firstVisitedAt, verifiedAt, true, closeProposed, reopenedCount);
        }

        Progress closingProposed() {
            return new Progress(openedAt, visitDueAt, firstVisitedAt, verifiedAt, assistFirst, true, reopenedCount);
        }

        /** Re-opened: neither helped first nor proposed for closing any more, one more re-opening. */
        Progress reopened() {
            return new Progress(openedAt, visitDueAt, firstVisitedAt, verifiedAt, false, false, reopenedCount + 1);
        }
    }

    /**
     * The deadline now running.
     *
     * @param step the step now due, null when none
     * @param at when {@code step} is due
     * @param escalated the missed deadline was escalated to the supervisor already
     */
    public record Due(@Nullable DueStep step, @Nullable Instant at, boolean escalated) {

        /** A new deadline: {@code step} due at {@code at} (null: nothing due), not escalated yet. */
        static Due of(@Nullable DueStep step, @Nullable Instant at) {
            return new Due(step, step == null ? null : at, false);
        }
    }

    /** The tier of the case's latest referral, a tracking case's review interval, when it was first referred. */
    public record Referral(
            @Nullable ReferralTier tier,
            @Nullable Integer reviewIntervalDays,
            @Nullable Instant referredAt) {}

    /** How the case ended, if it did: dismissed (when, why) and closed (when, with what outcome). */
    public record Ending(
            @Nullable Instant dismissedAt,
            @Nullable DismissalReason dismissalReason,
            @Nullable Instant closedAt,
            @Nullable CaseOutcome outcome) {

        static final Ending NONE = new Ending(null, null, null, null);
    }

    public boolean isOpen() {
        return !stage.isClosed();
    }

    CaseState with(CaseStage stage) {
        return new CaseState(
                id, version, stage, household, warning, assignment, progress, due, referral, ending, updatedAt);
    }

    CaseState with(Warning warning) {
        return new CaseState(
                id, version, stage, household, warning, assignment, progress, due, referral, ending, updatedAt);
    }

    CaseState with(Assignment assignment) {
        return new CaseState(
                id, version, stage, household, warning, assignment, progress, due, referral, ending, updatedAt);
    }

    CaseState with(Progress progress) {
        return new CaseState(
                id, version, stage, household, warning, assignment, progress, due, referral, ending, updatedAt);
    }

    CaseState with(Due due) {
        return new CaseState(
                id, version, stage, household, warning, assignment, progress, due, referral, ending, updatedAt);
    }

    CaseState with(Referral referral) {
        return new CaseState(
                id, version, stage, household, warning, assignment, progress, due, referral, ending, updatedAt);
    }

    CaseState with(Ending ending) {
        return new CaseState(
                id, version, stage, household, warning, assignment, progress, due, referral, ending, updatedAt);
    }

    /** The case as a change at {@code at} leaves it before its own effect: one version more when published. */
    CaseState touched(Instant at, boolean published) {
        return new CaseState(
                id,
                published ? version + 1 : version,
                stage,
                household,
                warning,
                assignment,
                progress,
                due,
                referral,
                ending,
                at);
    }
}
