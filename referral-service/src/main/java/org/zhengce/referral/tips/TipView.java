package org.zhengce.referral.tips;

import java.time.Instant;

/** A tip's fate for its reporter: when it was reported and where it stands; nothing about the household. */
record TipView(String platformEventId, Instant reportedAt, TipStatus status) {}
