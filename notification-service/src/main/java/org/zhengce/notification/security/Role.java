package org.zhengce.notification.security;

/** The roles of the {@code roles} claim that notification knows. */
public enum Role {
    /** 社区救助顾问: receives the alerts of their cases. */
    ADVISOR,
    /** 街道/区督导: receives escalations; reads the alerts of their street or district. */
    SUPERVISOR,
    /** 平台管理员: manages webhook endpoints; reads every alert. */
    PLATFORM_ADMIN
}
