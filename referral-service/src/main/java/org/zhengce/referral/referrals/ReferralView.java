package org.zhengce.referral.referrals;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ReferralTier;

/**
 * What a confirmed plan set going: a programme application ({@code APPLIED → GRANTED | REJECTED}), a referral to
 * an organisation ({@code PROPOSED → ACCEPTED | DECLINED}, {@code ACCEPTED → COMPLETED}), or monitoring
 * ({@code ACTIVE → ENDED}).
 */
public record ReferralView(
        UUID id,
        UUID caseId,
        String communityCode,
        int planVersion,
        ReferralTier tier,
        @Nullable String programme,
        @Nullable String organisationId,
        @Nullable String service,
        String status,
        @Nullable Integer reviewIntervalDays,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String feedback) {}
