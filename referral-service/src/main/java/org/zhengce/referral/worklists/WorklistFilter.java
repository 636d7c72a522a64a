package org.zhengce.referral.worklists;

/** What a supervisor's worklist keeps ({@code filter=}); without one, every open case of the area. */
enum WorklistFilter {
    /** Past the current step's deadline. */
    OVERDUE,
    /** The supervisor's to act on: a missed deadline escalated, or no advisor for the community. */
    ESCALATED,
    /** The latest plan waits for a supervisor's approval. */
    APPROVAL
}
