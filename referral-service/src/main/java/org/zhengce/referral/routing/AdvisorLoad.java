package org.zhengce.referral.routing;

/** An advisor covering the community, with the number of open cases they own. */
public record AdvisorLoad(String advisorId, int openCases) {}
