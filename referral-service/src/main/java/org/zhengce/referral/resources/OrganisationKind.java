package org.zhengce.referral.resources;

/** The three kinds of resource the resource library (资源库) holds. */
public enum OrganisationKind {
    /** 社会组织: social-work agency, charity, foundation. */
    SOCIAL_ORGANISATION,
    /** 爱心企业: a company that gives goods, meals or jobs. */
    CARING_COMPANY,
    /** 志愿服务队: a volunteer team. */
    VOLUNTEER_TEAM
}
