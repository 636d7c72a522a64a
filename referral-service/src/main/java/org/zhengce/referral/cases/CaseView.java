package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.referral.households.HouseholdContact;

/**
 * A case as the API shows it.
 *
 * @param version the case's version: one more with every step published on {@code case.events}; its entity tag
 *     ({@code ETag: "<version>"}) is what {@code If-Match} names
 * @param warning the latest warning of the case (raised or escalated) with its reasons; null only for cases opened
 *     before warnings were kept
 * @param contact the household's contact details, only when the caller covers the household's community
 */
public record CaseView(
        UUID id,
        String householdNumber,
        String communityCode,
        String status,
        CaseStage stage,
        @Nullable DueStep dueStep,
        @Nullable Instant dueAt,
        boolean overdue,
        boolean assistFirst,
        @Nullable ReferralTier tier,
        Urgency urgency,
        String category,
        @Nullable String level,
        @Nullable String warningId,
        String ownerId,
        String ownerRole,
        boolean closeProposed,
        Instant openedAt,
        Instant visitDueAt,
        long version,
        @Nullable CaseWarning warning,
        List<Note> notes,
        List<Escalation> escalations,
        @Nullable HouseholdContact contact) {

    public record Note(Instant at, @Nullable String author, String text) {}

    public record Escalation(
            Instant at,
            String reason,
            Urgency fromUrgency,
            Urgency toUrgency,
            @Nullable String escalatedTo) {}
}
