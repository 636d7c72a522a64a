package org.zhengce.referral.plans;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One version of a case's plan, as the API shows it. */
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
        @Nullable String decisionNote) {

    /** Where a plan version is: drafted, waiting for a supervisor, confirmed, rejected, or replaced by a newer one. */
    public enum PlanStatus {
        DRAFT,
        PENDING_APPROVAL,
        CONFIRMED,
        REJECTED,
        SUPERSEDED
    }
}
