package org.zhengce.referral.policies;

import java.util.List;
import org.zhengce.events.Programme;

/**
 * A programme the evaluation does not propose, and why (for the plan's explanation).
 *
 * @param conditionsMet labels of the conditions that held
 * @param conditionsNotMet labels of the conditions that did not hold, or could not be decided
 * @param missingFacts the unknown (null) facts a condition needed
 * @param missingParameters the parameters the jurisdiction does not set
 */
public record Ineligibility(
        String programmeCode,
        String nameZh,
        String nameEn,
        Programme symbol,
        Reason reason,
        List<String> conditionsMet,
        List<String> conditionsNotMet,
        List<String> missingFacts,
        List<String> missingParameters,
        String explanation) {

    public Ineligibility {
        conditionsMet = List.copyOf(conditionsMet);
        conditionsNotMet = List.copyOf(conditionsNotMet);
        missingFacts = List.copyOf(missingFacts);
        missingParameters = List.copyOf(missingParameters);
    }

    /** Why a programme is not proposed, the first that applies. */
    public enum Reason {
        /** The household is in it already. */
        ALREADY_IN,
        /** The household is in a programme that excludes it (e.g. dibao excludes low income). */
        EXCLUDED,
        /** A condition does not hold. */
        CONDITIONS_NOT_MET,
        /** No condition fails, but one needs a fact that is unknown: find it out on a visit. */
        FACTS_MISSING,
        /** The jurisdiction does not set a parameter the rule needs (a library gap: tell the platform admin). */
        PARAMETERS_MISSING,
        /** The rule could not be evaluated (e.g. a division by zero). */
        RULE_FAILED
    }
}
