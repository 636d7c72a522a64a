package org.zhengce.referral.cases;

/** The step a case's deadline is for. */
public enum DueStep {
    /** The first visit after the case was assigned or re-opened. */
    VISIT,
    /** Verification after the visit; for an assist-first case, verification after the help was given. */
    VERIFY,
    /** The household's plan (一户一策) after verification. */
    PLAN,
    /** A tracking case's periodic review visit. */
    REVIEW
}
