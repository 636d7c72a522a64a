package org.zhengce.referral.policies;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the policy library's eligibility rules are evaluated against: the household as the advisor verified it on
 * a visit (入户核实), completed by what departments reported (the latest economic check, the programmes it is in).
 * Amounts in 分 fen; counts of current members; null when unknown (a rule that needs an unknown fact does not
 * match, and says so).
 *
 * @param members household size
 * @param monthlyIncomePerCapitaFen monthly income per head
 * @param financialAssetsPerCapitaFen savings and other financial assets per head
 * @param medicalOutOfPocketFen12Months medical costs the household paid itself over the last twelve months
 * @param elderlyMembers members aged 60 or more
 * @param childMembers members under 18
 * @param disabledMembers members with a certified disability
 * @param severelyDisabledMembers members with a grade 1 or 2 disability
 * @param seriouslyIllMembers members with a serious or chronic illness
 * @param studentMembers members in school or higher education
 * @param unemployedWorkingAgeMembers members of working age without work
 * @param withoutCapacityOrSupport someone without capacity to work, income or a legal supporter lives here
 *     (the test of extreme-poverty support, 特困)
 * @param dangerousHousing the home was graded C or D (dangerous)
 * @param disasterAffected the household was hit by a disaster
 * @param orphanOrDeFactoUnsupportedChild a child without parents able to care for them (孤儿、事实无人抚养儿童)
 * @param activeProgrammes programme codes the household is already in (e.g. {@code DIBAO})
 */
public record HouseholdFacts(
        int members,
        @Nullable Long monthlyIncomePerCapitaFen,
        @Nullable Long financialAssetsPerCapitaFen,
        @Nullable Long medicalOutOfPocketFen12Months,
        int elderlyMembers,
        int childMembers,
        int disabledMembers,
        int severelyDisabledMembers,
        int seriouslyIllMembers,
        int studentMembers,
        int unemployedWorkingAgeMembers,
        boolean withoutCapacityOrSupport,
        boolean dangerousHousing,
        boolean disasterAffected,
        boolean orphanOrDeFactoUnsupportedChild,
        Set<String> activeProgrammes) {

    public HouseholdFacts {
        activeProgrammes = Set.copyOf(activeProgrammes);
    }

    /** True when the household is already in {@code programmeCode}. */
    public boolean inProgramme(String programmeCode) {
        return activeProgrammes.contains(programmeCode);
    }
}
