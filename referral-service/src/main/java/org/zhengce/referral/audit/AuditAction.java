package org.zhengce.referral.audit;

/** What was done to a case. */
public enum AuditAction {
    /** A case read (one case, or a community's list). */
    READ,
    /** A case changed by a user (e.g. re-assigned). */
    CHANGE
}
