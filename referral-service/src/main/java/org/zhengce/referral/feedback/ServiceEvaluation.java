package org.zhengce.referral.feedback;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ReferralTier;

/**
 * A household's evaluation of one service delivered to it, as the API shows it.
 *
 * @param referralId the service evaluated (a {@code case_referrals} row: a programme granted, an organisation's
 *     referral completed)
 * @param programme the programme, for an application; null for an organisation's service
 * @param organisationId the organisation that gave the service; null for a programme
 * @param service the service-menu item an organisation gave; null for a programme
 * @param satisfaction how satisfied the household is, 1 (not at all) to 5 (very)
 * @param delivered whether the household says the service reached it
 * @param note what the household said, identity numbers masked; null when none
 * @param recordedBy who recorded it ({@code sub})
 * @param recorderRole {@code ADVISOR}, {@code SUPERVISOR} or {@code ORGANISATION}
 */
public record ServiceEvaluation(
        UUID id,
        UUID caseId,
        UUID referralId,
        ReferralTier tier,
        @Nullable String programme,
        @Nullable String organisationId,
        @Nullable String service,
        int satisfaction,
        boolean delivered,
        @Nullable String note,
        String recordedBy,
        String recorderRole,
        Instant recordedAt) {}
