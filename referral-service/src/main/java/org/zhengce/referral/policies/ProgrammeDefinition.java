package org.zhengce.referral.policies;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Department;
import org.zhengce.events.Programme;

/**
 * An assistance programme of the policy library and its eligibility rule: the household may qualify when every
 * condition holds. Expressions are SpEL over {@link HouseholdFacts} (its components by name, e.g. {@code
 * monthlyIncomePerCapitaFen}, and {@code inProgramme('DIBAO')}), with the jurisdiction's parameters as variables
 * ({@code #dibaoLineFen}); only literals, facts, parameters, comparisons, arithmetic, {@code and}/{@code or}/{@code
 * not} and {@code a ? b : c} are allowed (ADR 0007).
 *
 * @param code the library's code, upper case (e.g. {@code DIBAO}); the code {@link HouseholdFacts#activeProgrammes}
 *     holds
 * @param symbol the event vocabulary's programme ({@code OTHER} when it has none, e.g. employment assistance)
 * @param conditions all must hold, in order
 * @param estimatedMonthlyAmountFen an expression giving the likely monthly amount in fen; null when the programme
 *     pays no regular amount (a status, a service, a one-off grant)
 * @param excludedBy programme codes whose members are not proposed this one (e.g. low income for a dibao household)
 * @param shareWith the departments that act on a grant (dibao granted: medical insurance subsidises premiums)
 * @param competentDepartment the department that runs the programme: the only one whose decisions on it
 *     ({@code AssistanceGranted}, {@code AssistanceApplicationRejected}) move an application; null when none is
 *     named yet, and then no department's decision is accepted (ADR 0014)
 */
public record ProgrammeDefinition(
        String code,
        String nameZh,
        String nameEn,
        Programme symbol,
        List<Condition> conditions,
        @Nullable String estimatedMonthlyAmountFen,
        List<String> excludedBy,
        List<Department> shareWith,
        @Nullable Department competentDepartment) {

    public ProgrammeDefinition {
        conditions = List.copyOf(conditions);
        excludedBy = List.copyOf(excludedBy);
        shareWith = List.copyOf(shareWith);
    }

    /**
     * One condition of the rule.
     *
     * @param label what it means, for people (shown in the plan's explanation)
     * @param when a SpEL expression that gives true or false
     */
    public record Condition(String label, String when) {}
}
