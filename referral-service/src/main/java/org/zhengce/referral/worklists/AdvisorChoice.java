package org.zhengce.referral.worklists;

import org.zhengce.referral.jurisdictions.AdvisorKind;

/** An advisor covering a community, to re-assign a case to: how many open cases they own already. */
public record AdvisorChoice(String id, String name, AdvisorKind kind, int openCases) {}
