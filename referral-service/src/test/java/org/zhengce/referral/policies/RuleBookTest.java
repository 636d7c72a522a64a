package org.zhengce.referral.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;
import org.zhengce.events.Department;
import org.zhengce.events.Programme;

/** The demo city's policy library (Beijing, Chaoyang override) evaluated on believable households; no Spring. */
class RuleBookTest {

    private static final String CHAOYANG = "110105001001";
    private static final String HAIDIAN = "110108001001";
    private static final String SHANGHAI = "310101002001";

    private static final PolicyLibraryFile FILE =
            PolicyLibraryFile.read(new ClassPathResource("demo-city/policy-library.yaml"));
    private static final RuleBook LIBRARY = RuleBook.of(FILE.definitions(), FILE.parameters(), 1);

    private static PolicyEvaluation evaluate(String community, Household household) {
        return LIBRARY.evaluate(community, household.facts());
    }

    private static Eligibility eligible(String community, Household household, String programme) {
        PolicyEvaluation evaluation = evaluate(community, household);
        return evaluation.eligible().stream()
                .filter(eligibility -> eligibility.programmeCode().equals(programme))
                .findFirst()
                .orElseThrow(() -> new AssertionError(programme + " not proposed: "
                        + evaluation.notEligible().stream()
                                .filter(not -> not.programmeCode().equals(programme))
                                .map(Ineligibility::explanation)
                                .toList()));
    }

    private static Ineligibility notEligible(String community, Household household, String programme) {
        PolicyEvaluation evaluation = evaluate(community, household);
        assertThat(evaluation.eligible()).extracting(Eligibility::programmeCode).doesNotContain(programme);
        return evaluation.notEligible().stream()
                .filter(not -> not.programmeCode().equals(programme))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void demoLibraryHoldsTheElevenProgrammesWithTheirSymbols() {
        assertThat(LIBRARY.programmes())
                .extracting(ProgrammeDefinition::code)
                .containsExactly(
                        "DIBAO",
                        "EXTREME_POVERTY_SUPPORT",
                        "LOW_INCOME",
                        "SPENDING_DRIVEN_POVERTY",
                        "TEMPORARY_ASSISTANCE",
                        "MEDICAL_ASSISTANCE",
                        "EDUCATION_AID",
                        "HOUSING_AID",
                        "EMPLOYMENT_ASSISTANCE",
                        "DISABILITY_SUBSIDY",
                        "CHILD_WELFARE");
        assertThat(LIBRARY.programme("EMPLOYMENT_ASSISTANCE").orElseThrow().symbol())
                .isEqualTo(Programme.OTHER);
        assertThat(LIBRARY.programme("DIBAO").orElseThrow().shareWith()).contains(Department.MEDICAL_INSURANCE);
    }

    @Test
    void dibaoForIncomeBelowTheLineWithTheGapAsAmount() {
        Eligibility dibao = eligible(CHAOYANG, Household.of(3).incomeYuan(1_000).assetsYuan(5_000), "DIBAO");
        assertThat(dibao.symbol()).isEqualTo(Programme.DIBAO);
        assertThat(dibao.conditionsMet()).hasSize(2);
        assertThat(dibao.estimatedMonthlyAmountFen()).isEqualTo((145_000L - 100_000L) * 3);
        assertThat(dibao.explanation()).contains("dibaoLineFen=145000 from 1101");
        assertThat(dibao.shareWith()).contains(Department.MEDICAL_INSURANCE);
        assertThat(dibao.libraryRevision()).isEqualTo(1);

        Ineligibility aboveLine = notEligible(CHAOYANG, Household.of(3).incomeYuan(1_500), "DIBAO");
        assertThat(aboveLine.reason()).isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
        assertThat(aboveLine.conditionsNotMet()).singleElement().asString().contains("低保标准");
        Ineligibility savings =
                notEligible(CHAOYANG, Household.of(3).incomeYuan(1_000).assetsYuan(50_000), "DIBAO");
        assertThat(savings.conditionsNotMet()).singleElement().asString().contains("金融资产");
    }

    @Test
    void extremePovertySupportForAnElderlyPersonWithoutIncomeOrSupporter() {
        Household alone = Household.of(1).elderly(1).incomeYuan(300).assetsYuan(2_000);
        Eligibility support = eligible(CHAOYANG, alone.withoutCapacityOrSupport(), "EXTREME_POVERTY_SUPPORT");
        assertThat(support.estimatedMonthlyAmountFen()).isEqualTo(188_500L - 30_000L);

        Household withSupporter = Household.of(1).elderly(1).incomeYuan(300).assetsYuan(2_000);
        assertThat(notEligible(CHAOYANG, withSupporter, "EXTREME_POVERTY_SUPPORT")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
    }

    @Test
    void lowIncomeBetweenTheLinesAndNeverForADibaoHousehold() {
        Eligibility lowIncome =
                eligible(CHAOYANG, Household.of(3).incomeYuan(2_000).assetsYuan(10_000), "LOW_INCOME");
        assertThat(lowIncome.estimatedMonthlyAmountFen()).isNull();

        assertThat(notEligible(CHAOYANG, Household.of(3).incomeYuan(3_000), "LOW_INCOME")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
        Ineligibility dibaoHousehold =
                notEligible(CHAOYANG, Household.of(3).incomeYuan(1_000).in("DIBAO"), "LOW_INCOME");
        assertThat(dibaoHousehold.reason()).isEqualTo(Ineligibility.Reason.EXCLUDED);
        assertThat(dibaoHousehold.explanation()).contains("DIBAO");
    }

    @Test
    void spendingDrivenPovertyWhenMedicalCostsPullIncomeBelowTheLowIncomeLine() {
        // 3,200 yuan a head, 60,000 yuan of medical costs a year: 3,200 - 60,000 / 12 / 3 = 1,533 yuan left
        Household sick = Household.of(3).incomeYuan(3_200).medicalYuan(60_000);
        assertThat(eligible(CHAOYANG, sick, "SPENDING_DRIVEN_POVERTY").conditionsMet())
                .hasSize(2);

        Household smallBill = Household.of(3).incomeYuan(3_200).medicalYuan(10_000);
        assertThat(notEligible(CHAOYANG, smallBill, "SPENDING_DRIVEN_POVERTY").reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
    }

    @Test
    void temporaryAssistanceAfterADisaster() {
        Eligibility temporary =
                eligible(CHAOYANG, Household.of(4).incomeYuan(2_000).disasterAffected(), "TEMPORARY_ASSISTANCE");
        assertThat(temporary.estimatedMonthlyAmountFen()).as("a one-off grant").isNull();
        assertThat(temporary.shareWith()).containsExactly(Department.EMERGENCY_MANAGEMENT);

        assertThat(notEligible(CHAOYANG, Household.of(4).incomeYuan(2_000).medicalYuan(5_000), "TEMPORARY_ASSISTANCE")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
    }

    @Test
    void medicalAssistanceForAnIllMemberOfADibaoHouseholdEvenWithCostsUnknown() {
        Household dibaoAndIll = Household.of(2)
                .incomeYuan(1_000)
                .seriouslyIll(1)
                .medicalYuan(null)
                .in("DIBAO");
        Eligibility medical = eligible(CHAOYANG, dibaoAndIll, "MEDICAL_ASSISTANCE");
        assertThat(medical.conditionsMet()).hasSize(2);

        Household notIll = Household.of(2).incomeYuan(1_000).in("DIBAO");
        assertThat(notEligible(CHAOYANG, notIll, "MEDICAL_ASSISTANCE").reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
    }

    @Test
    void districtParameterOverridesTheCitys() {
        // 45,000 yuan paid: catastrophic in Chaoyang (40,000, its override) but not elsewhere in Beijing (50,000)
        Household bill = Household.of(3).incomeYuan(4_000).seriouslyIll(1).medicalYuan(45_000);
        assertThat(eligible(CHAOYANG, bill, "MEDICAL_ASSISTANCE").explanation())
                .contains("catastrophicExpenseFen=4000000 from 110105");
        Ineligibility haidian = notEligible(HAIDIAN, bill, "MEDICAL_ASSISTANCE");
        assertThat(haidian.reason()).isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
        assertThat(haidian.explanation()).contains("catastrophicExpenseFen=5000000 from 1101");
    }

    @Test
    void longestMatchingCodeWinsParameterByParameter() {
        ProgrammeDefinition dibao = LIBRARY.programme("DIBAO").orElseThrow();
        RuleBook library = RuleBook.of(
                List.of(dibao),
                Map.of(
                        "DIBAO",
                        Map.of(
                                "1101",
                                Map.of("dibaoLineFen", dec(145_000), "assetsLimitPerCapitaFen", dec(3_480_000)),
                                "110105",
                                Map.of("dibaoLineFen", dec(160_000)),
                                "110105002",
                                Map.of("dibaoLineFen", dec(170_000)))),
                7);
        HouseholdFacts facts = Household.of(2).incomeYuan(1_500).facts();
        assertThat(library.evaluate(CHAOYANG, facts).eligible()).singleElement().satisfies(eligibility -> {
            assertThat(eligibility.estimatedMonthlyAmountFen()).isEqualTo((160_000L - 150_000L) * 2);
            assertThat(eligibility.explanation())
                    .contains("dibaoLineFen=160000 from 110105", "assetsLimitPerCapitaFen=3480000 from 1101");
        });
        assertThat(library.evaluate("110105002001", facts).eligible())
                .singleElement()
                .extracting(Eligibility::estimatedMonthlyAmountFen)
                .isEqualTo((170_000L - 150_000L) * 2);
        assertThat(library.evaluate(HAIDIAN, facts).eligible()).isEmpty();
    }

    @Test
    void educationHousingEmploymentDisabilityAndChildWelfare() {
        Household students = Household.of(4).incomeYuan(2_000).students(2);
        assertThat(eligible(CHAOYANG, students, "EDUCATION_AID").estimatedMonthlyAmountFen())
                .isEqualTo(2 * 25_000L);
        assertThat(notEligible(CHAOYANG, Household.of(4).incomeYuan(4_000).students(2), "EDUCATION_AID")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);

        assertThat(eligible(CHAOYANG, Household.of(2).incomeYuan(2_000).dangerousHousing(), "HOUSING_AID")
                        .shareWith())
                .containsExactly(Department.HOUSING);
        assertThat(notEligible(CHAOYANG, Household.of(2).incomeYuan(2_000), "HOUSING_AID")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);

        Eligibility employment =
                eligible(CHAOYANG, Household.of(3).incomeYuan(2_000).unemployed(1), "EMPLOYMENT_ASSISTANCE");
        assertThat(employment.symbol()).isEqualTo(Programme.OTHER);
        assertThat(employment.shareWith()).containsExactly(Department.HUMAN_RESOURCES_SOCIAL_SECURITY);
        assertThat(notEligible(CHAOYANG, Household.of(3).incomeYuan(2_000), "EMPLOYMENT_ASSISTANCE")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);

        Household disabled = Household.of(3).incomeYuan(2_000).disabled(2, 1).in("LOW_INCOME");
        assertThat(eligible(CHAOYANG, disabled, "DISABILITY_SUBSIDY").estimatedMonthlyAmountFen())
                .as("one care subsidy, two living subsidies")
                .isEqualTo(30_000L + 2 * 35_000L);
        assertThat(notEligible(CHAOYANG, Household.of(3).incomeYuan(4_000).disabled(1, 0), "DISABILITY_SUBSIDY")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);

        Eligibility orphan = eligible(CHAOYANG, Household.of(2).children(1).orphan(), "CHILD_WELFARE");
        assertThat(orphan.estimatedMonthlyAmountFen()).isEqualTo(230_000L);
        assertThat(notEligible(CHAOYANG, Household.of(2).children(1), "CHILD_WELFARE")
                        .reason())
                .isEqualTo(Ineligibility.Reason.CONDITIONS_NOT_MET);
    }

    @Test
    void unknownFactLeavesTheRuleUndecidedAndNamesTheFact() {
        Ineligibility dibao = notEligible(CHAOYANG, Household.of(3).incomeYuan(null), "DIBAO");
        assertThat(dibao.reason()).isEqualTo(Ineligibility.Reason.FACTS_MISSING);
        assertThat(dibao.missingFacts()).containsExactly("monthlyIncomePerCapitaFen");
        assertThat(dibao.conditionsMet()).singleElement().asString().contains("金融资产");
        assertThat(dibao.explanation()).contains("monthlyIncomePerCapitaFen");
    }

    @Test
    void programmeAlreadyInIsNotProposed() {
        Ineligibility dibao =
                notEligible(CHAOYANG, Household.of(3).incomeYuan(1_000).in("DIBAO"), "DIBAO");
        assertThat(dibao.reason()).isEqualTo(Ineligibility.Reason.ALREADY_IN);
    }

    @Test
    void jurisdictionWithoutTheParametersIsAGapNotARefusal() {
        Household orphan = Household.of(2).incomeYuan(1_000).children(1).orphan();
        Ineligibility dibao = notEligible(SHANGHAI, orphan, "DIBAO");
        assertThat(dibao.reason()).isEqualTo(Ineligibility.Reason.PARAMETERS_MISSING);
        assertThat(dibao.missingParameters()).containsExactly("assetsLimitPerCapitaFen", "dibaoLineFen");
        Eligibility child = eligible(SHANGHAI, orphan, "CHILD_WELFARE");
        assertThat(child.estimatedMonthlyAmountFen()).isNull();
        assertThat(child.explanation()).contains("no estimate", "basicLivingAllowanceFen");
    }

    @Test
    void malformedExpressionIsRejectedNamingTheField() {
        assertThatThrownBy(() -> RuleBook.compile(programme("monthlyIncomePerCapitaFen <", null)))
                .isInstanceOf(InvalidRuleException.class)
                .satisfies(e -> assertThat(((InvalidRuleException) e).field()).isEqualTo("conditions[0].when"))
                .hasMessageContaining("does not parse");
        assertThatThrownBy(() -> RuleBook.compile(programme("membrs > 1", null)))
                .satisfies(e -> assertThat(((InvalidRuleException) e).field()).isEqualTo("conditions[0].when"))
                .hasMessageContaining("'membrs'")
                .hasMessageContaining("not a household fact");
        assertThatThrownBy(() -> RuleBook.compile(programme("members + 1", null)))
                .hasMessageContaining("must give true or false");
        assertThatThrownBy(() -> RuleBook.compile(programme("members > 0", "members > 1")))
                .satisfies(e -> assertThat(((InvalidRuleException) e).field()).isEqualTo("estimatedMonthlyAmountFen"))
                .hasMessageContaining("must give a number");
        assertThatThrownBy(() -> RuleBook.compile(programme(" ", null)))
                .hasMessageContaining("conditions[0].when: an expression is required");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "T(java.lang.Runtime).getRuntime().exec('id') != null",
                "new java.io.File('/etc/passwd').exists()",
                "@environment != null",
                "&referralApplication != null",
                "members.getClass().getName() == 'x'",
                "getClass() != null",
                "inProgramme('DIBAO').getClass() != null",
                "#root.members > 0",
                "#this != null",
                "activeProgrammes.size() > 0",
                "{1, 2}.size() > 1",
                "'abc' matches '.*'",
                "(members = 5) > 0",
                "#dibaoLineFen.class != null",
                "#dibaoLineFen instanceof T(Long)"
            })
    void expressionCannotReachTypesBeansMethodsOrState(String when) {
        assertThatThrownBy(() -> RuleBook.compile(programme(when, null)))
                .isInstanceOf(InvalidRuleException.class)
                .satisfies(e -> assertThat(((InvalidRuleException) e).field()).isEqualTo("conditions[0].when"));
    }

    @Test
    void fileWithABadRuleFailsNamingProgrammeAndField() {
        ProgrammeDefinition bad = programme("T(java.lang.System).exit(1) == null", null);
        assertThatThrownBy(() -> RuleBook.of(List.of(bad), Map.of(), 0))
                .isInstanceOf(InvalidRuleException.class)
                .satisfies(e ->
                        assertThat(((InvalidRuleException) e).field()).isEqualTo("programmes.TEST.conditions[0].when"));
        assertThatThrownBy(() -> RuleBook.checkParameters("parameters", Map.of("dibaoLineFen", "high")))
                .isInstanceOf(InvalidRuleException.class)
                .satisfies(e -> assertThat(((InvalidRuleException) e).field()).isEqualTo("parameters.dibaoLineFen"));
    }

    @Test
    void libraryFileWithABadRuleFailsStartUpNamingSettingProgrammeAndField() {
        String text = """
                version: "t"
                programmes:
                  - code: DIBAO
                    nameZh: 最低生活保障
                    nameEn: Dibao
                    symbol: DIBAO
                    conditions:
                      - { label: income, when: "T(java.lang.Runtime).getRuntime() != null" }
                """;
        assertThatThrownBy(() -> PolicyLibraryFile.read(new org.springframework.core.io.ByteArrayResource(
                        text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "bad library")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("referral.policies.library")
                .hasMessageContaining("programmes.DIBAO.conditions[0].when");
    }

    private static ProgrammeDefinition programme(String when, @Nullable String amount) {
        return new ProgrammeDefinition(
                "TEST",
                "测试",
                "Test",
                Programme.OTHER,
                List.of(new ProgrammeDefinition.Condition("a condition", when)),
                amount,
                List.of(),
                List.of(),
                null);
    }

    private static BigDecimal dec(long value) {
        return BigDecimal.valueOf(value);
    }
}
