package org.zhengce.referral.audit;

/** What was done to a case. */
public enum AuditAction {
    /** A case read (one case, or a community's list). */
    READ,
    /** A case changed by a user (e.g. re-assigned). */
    CHANGE,
    /**
     * A case changed by the platform itself, no user asking: a warning opened or escalated it, a missed deadline
     * escalated it, a department's decision closed it; the actor is {@code system:<component>}.
     */
    SYSTEM_CHANGE
}
