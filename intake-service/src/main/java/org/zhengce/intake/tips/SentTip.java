package org.zhengce.intake.tips;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tip as its reporter sees it in "my tips": what they sent and the platform event id that referral's
 * {@code GET /tips/{platformEventId}} answers what became of it with.
 *
 * @param status {@code received}: intake took it; referral knows the rest
 */
record SentTip(
        UUID platformEventId,
        String householdNumber,
        String communityCode,
        List<String> needs,
        String urgency,
        Instant reportedAt,
        String status) {}
