package org.zhengce.referral.plans;

import org.jspecify.annotations.Nullable;

/**
 * Why a plan waits for a supervisor's approval.
 *
 * @param kind above the approval line, or a programme whose amount is unknown
 * @param programme the programme's code, for {@link Kind#AMOUNT_UNKNOWN}
 * @param explanation one sentence for people
 */
public record ApprovalReason(Kind kind, @Nullable String programme, String explanation) {

    /** The kinds of reasons. */
    public enum Kind {
        /** The plan commits more than {@code referral.plans.approval-above-fen}. */
        ABOVE_APPROVAL_LINE,
        /** The plan holds a programme whose amount nothing estimated (added by the advisor, or not estimable). */
        AMOUNT_UNKNOWN
    }
}
