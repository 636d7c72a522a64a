package org.zhengce.referral.jurisdictions;

/** The three kinds of community assistance advisor (社区救助顾问). */
public enum AdvisorKind {
    /** 社区工作人员 community-office staff. */
    COMMUNITY_OFFICE_STAFF,
    /** 助理员/协理员 neighbourhood assistance worker. */
    NEIGHBOURHOOD_ASSISTANCE_WORKER,
    /** 社会工作者 professional social worker. */
    SOCIAL_WORKER
}
