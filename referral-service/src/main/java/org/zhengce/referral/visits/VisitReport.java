package org.zhengce.referral.visits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.referral.policies.HouseholdFacts;

/**
 * A visit as the advisor reports it.
 *
 * @param visitedAt when the visit took place (default: now; never in the future)
 * @param findings what the advisor found, in their words
 * @param needs the needs found, each a service-menu item with its urgency
 * @param facts the household as verified on the visit, for the policy library's rules (optional)
 */
public record VisitReport(
        @Nullable Instant visitedAt,
        @Nullable @Size(max = 4000) String findings,
        @NotNull @Size(max = 31) List<@Valid @NotNull Need> needs,
        @Nullable HouseholdFacts facts) {}
