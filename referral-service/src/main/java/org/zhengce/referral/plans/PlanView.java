package org.zhengce.referral.plans;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One version of a case's plan, as the API shows it.
 *
 * @param needsApproval whether confirming it makes it wait for a supervisor's approval
 * @param approvalReasons why it does (the amount above the threshold, a programme whose amount is unknown); empty
 *     when it does not
 */
public record PlanView(
        UUID caseId,
        int version,
        PlanStatus status,
        PlanBody plan,
        long committedAmountFen,
        boolean needsApproval,
        String createdBy,
        Instant createdAt,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote,
        List<ApprovalReason> approvalReasons) {

    public PlanView {
        approvalReasons = List.copyOf(approvalReasons);
    }

    /** Where a plan version is: drafted, waiting for a supervisor, confirmed, rejected, or replaced by a newer one. */
    public enum PlanStatus {
        DRAFT,
        PENDING_APPROVAL,
        CONFIRMED,
        REJECTED,
        SUPERSEDED
    }
}
