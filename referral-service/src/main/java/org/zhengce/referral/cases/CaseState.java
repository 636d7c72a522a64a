package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;

/**
 * An open case, as the decisions see it.
 *
 * @param ownerId null only between opening and routing, inside one decision
 * @param version how many case events were published; the next one's id derives from it
 */
record CaseState(
        UUID id,
        String householdNumber,
        String communityCode,
        Urgency urgency,
        WarningCategory category,
        @Nullable WarningLevel level,
        @Nullable String warningId,
        @Nullable String ownerId,
        OwnerRole ownerRole,
        boolean closeProposed,
        int version,
        Instant openedAt,
        Instant updatedAt,
        Instant visitDueAt) {

    enum OwnerRole {
        ADVISOR,
        SUPERVISOR
    }
}
