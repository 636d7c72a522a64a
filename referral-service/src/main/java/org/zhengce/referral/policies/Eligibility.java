package org.zhengce.referral.policies;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Department;
import org.zhengce.events.Programme;

/**
 * A programme the household may qualify for and is not in yet, with the rule that matched.
 *
 * @param conditionsMet the labels of the rule's conditions, all of which held
 * @param explanation one sentence for the plan: the programme, the community, the conditions and the parameters
 *     used
 * @param estimatedMonthlyAmountFen the rule's estimate of the monthly amount in fen; null when the programme has
 *     no amount or a fact it needs is unknown
 * @param libraryRevision the policy library's revision the rule was read at ({@code policy_library_changes})
 */
public record Eligibility(
        String programmeCode,
        String nameZh,
        String nameEn,
        Programme symbol,
        List<String> conditionsMet,
        String explanation,
        @Nullable Long estimatedMonthlyAmountFen,
        List<Department> shareWith,
        long libraryRevision) {

    public Eligibility {
        conditionsMet = List.copyOf(conditionsMet);
        shareWith = List.copyOf(shareWith);
    }
}
