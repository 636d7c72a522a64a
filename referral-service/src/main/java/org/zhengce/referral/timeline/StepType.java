package org.zhengce.referral.timeline;

/** What a step of a case's timeline was: stable codes the console shows in its own words. */
public enum StepType {
    /** Opened from a warning. */
    OPENED,
    /** Assigned to an advisor when routed, or re-assigned by a supervisor. */
    ASSIGNED,
    VISITED,
    VERIFIED,
    DISMISSED,
    /** 先行救助: helped at once, verified after. */
    ASSISTED_FIRST,
    /** The plan's first version, drafted on verification. */
    PLAN_DRAFTED,
    /** A new version of the plan by the advisor. */
    PLAN_EDITED,
    /** Confirmed above the approval amount: waiting for a supervisor. */
    PLAN_SUBMITTED,
    PLAN_APPROVED,
    PLAN_REJECTED,
    /** Confirmed by its advisor (below the approval amount). */
    PLAN_CONFIRMED,
    /** Referred by tier: an application, an organisation, monitoring. */
    REFERRED,
    REFERRAL_ACCEPTED,
    REFERRAL_DECLINED,
    /** An organisation reported back on a referral (or completed it). */
    REFERRAL_REPORTED,
    /** The household's evaluation of a service delivered to it, recorded by its advisor or the organisation. */
    SERVICE_EVALUATED,
    /** To a supervisor: a missed deadline, or no advisor for the community. */
    ESCALATED,
    NOTE,
    CLOSED,
    REOPENED,
    /** The warning was escalated (or a more urgent one raised): the urgency went up. */
    WARNING_ESCALATED,
    /** The warning was cleared: closing is proposed to the owner. */
    WARNING_CLEARED
}
