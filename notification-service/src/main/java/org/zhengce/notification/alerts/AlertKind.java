package org.zhengce.notification.alerts;

/** Why someone is alerted. */
public enum AlertKind {
    /** 新分派: a case was assigned (or re-assigned) to the advisor. */
    CASE_ASSIGNED,
    /** 重新立案: a tracked household was warned again; the case's owner is alerted to visit again, with the deadline. */
    CASE_REOPENED,
    /** 紧急程度提高: the household's warning was escalated; the case's advisor is alerted. */
    URGENCY_RAISED,
    /** 超期: a case deadline was missed; the supervisor is alerted. */
    DEADLINE_MISSED,
    /** 无人负责 / 超出权限: nobody covers the community (or the case needs a decision above the advisor). */
    BEYOND_COMPETENCE,
    /** 其他升级: the case was escalated for another reason. */
    CASE_ESCALATED,
    /** 未确认升级: an alert was not acknowledged in time; the supervisor above is alerted. */
    UNACKNOWLEDGED,
    /** 无法送达升级: an alert's SMS or app push could not be delivered; the supervisor above is alerted. */
    UNDELIVERABLE,
    /** 新投诉: a complaint was filed; its owner is alerted with its acknowledgement deadline. */
    COMPLAINT_FILED,
    /** 投诉超期: a complaint's deadline was missed; the next handler above its owner is alerted. */
    COMPLAINT_ESCALATED,
    /** 投诉办结: a complaint was resolved (or withdrawn); its complainant is told the outcome. */
    COMPLAINT_RESOLVED
}
