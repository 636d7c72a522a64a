package org.zhengce.referral.complaints;

import java.util.List;

/** Where a complaint stands, and the steps each stage allows (the guard table of {@link ComplaintDecisions}). */
public enum ComplaintStatus {
    /** 已登记: filed, waiting for its owner to acknowledge it (or its complainant to withdraw it). */
    FILED,
    /** 已受理: acknowledged, being handled. */
    ACKNOWLEDGED,
    /** 已办结: resolved with an outcome (withdrawn included); nothing more happens to it. */
    RESOLVED;

    /** The steps this stage allows. */
    public List<ComplaintStep> allowed() {
        return switch (this) {
            case FILED -> List.of(ComplaintStep.ACKNOWLEDGE, ComplaintStep.WITHDRAW);
            case ACKNOWLEDGED -> List.of(ComplaintStep.RESOLVE, ComplaintStep.WITHDRAW);
            case RESOLVED -> List.of();
        };
    }
}
