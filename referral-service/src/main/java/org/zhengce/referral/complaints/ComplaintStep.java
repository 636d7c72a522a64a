package org.zhengce.referral.complaints;

/** A step a person takes on a complaint. */
public enum ComplaintStep {
    /** A handler acknowledges it: the resolution is now being worked on. */
    ACKNOWLEDGE,
    /** A handler resolves it with an outcome (upheld, partly upheld, not upheld). */
    RESOLVE,
    /** It is withdrawn (outcome {@code WITHDRAWN}), by its complainant or a handler, acknowledged or not. */
    WITHDRAW
}
