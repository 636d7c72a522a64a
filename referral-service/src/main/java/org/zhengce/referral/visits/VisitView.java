package org.zhengce.referral.visits;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.referral.policies.HouseholdFacts;

/** A recorded visit, as the API shows it. */
public record VisitView(
        UUID id,
        Instant visitedAt,
        Instant recordedAt,
        String advisorId,
        @Nullable String findings,
        List<Need> needs,
        @Nullable HouseholdFacts facts) {}
