package org.zhengce.intake.tips;

import org.zhengce.events.ReporterRole;

/**
 * A registered reporter: who they are to the platform (their sign-in subject), what they are, the one community they
 * may report in, and the advisor who vouches for them.
 */
record Reporter(String id, ReporterRole role, String communityCode, String vouchedBy) {}
