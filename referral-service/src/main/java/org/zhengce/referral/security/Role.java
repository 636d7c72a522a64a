package org.zhengce.referral.security;

/** The roles of the {@code roles} claim that referral knows. */
public enum Role {
    /** 社区救助顾问: works the cases of the communities they cover. */
    ADVISOR,
    /** 街道/区督导: watches and re-assigns the cases of a street or district. */
    SUPERVISOR,
    /** 社会组织: a social organisation's staff, who answer the referrals to it (claim {@code organisation}). */
    ORGANISATION,
    /** 平台管理员: manages jurisdictions, advisors, supervisors and organisations. */
    PLATFORM_ADMIN,
    /**
     * 平台审计员: reads the whole audit trail ({@code GET /audit}), complaints' entries included, and nothing else;
     * kept apart from the admin so that who changes the platform and who checks it are not one person.
     */
    AUDITOR,
    /** 上报人: a registered volunteer, grid worker, neighbour or social worker; reads only what became of their tips. */
    REPORTER
}
