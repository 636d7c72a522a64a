package org.zhengce.referral.plans;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Programme;
import org.zhengce.events.ReferralTier;
import org.zhengce.referral.visits.Need;

/**
 * A household's plan (一户一策): the programmes it may qualify for, each with the rule that matched; the resources
 * that fit its needs; the proposed tier. Kept as JSON, every version.
 *
 * @param tier the proposed tier: the case's tier once the plan is confirmed
 * @param oneOffAssistanceFen one-off help the plan commits (e.g. temporary assistance), in 分 fen
 * @param notEligible the programmes the rules did not match, with why (for the advisor and the supervisor)
 */
public record PlanBody(
        ReferralTier tier,
        List<PlannedProgramme> programmes,
        List<PlannedResource> resources,
        List<Need> needs,
        @Nullable Integer reviewIntervalDays,
        long oneOffAssistanceFen,
        @Nullable String note,
        List<String> notEligible) {

    public PlanBody {
        programmes = List.copyOf(programmes);
        resources = List.copyOf(resources);
        needs = List.copyOf(needs);
        notEligible = List.copyOf(notEligible);
    }

    /** What the plan commits: the programmes' estimated monthly amounts and the one-off help. */
    public long committedAmountFen() {
        long monthly = programmes.stream()
                .mapToLong(p -> p.estimatedMonthlyAmountFen() == null ? 0 : p.estimatedMonthlyAmountFen())
                .sum();
        return monthly + oneOffAssistanceFen;
    }

    /**
     * A programme to apply for.
     *
     * @param matchedRule the labels of the eligibility conditions that held; empty when the advisor added it
     *     against the rules (then {@code explanation} says why the rules did not match)
     */
    public record PlannedProgramme(
            String code,
            String name,
            Programme symbol,
            List<String> matchedRule,
            String explanation,
            @Nullable Long estimatedMonthlyAmountFen) {}

    /** A resource to refer to, for one need. */
    public record PlannedResource(String serviceItem, String organisationId, String organisationName, String kind) {}
}
