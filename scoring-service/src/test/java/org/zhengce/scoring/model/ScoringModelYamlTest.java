package org.zhengce.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.scoring.model.InvalidModelException.Problem;

class ScoringModelYamlTest {

    private static List<String> paths(String yaml) {
        InvalidModelException invalid =
                catchThrowableOfType(InvalidModelException.class, () -> ScoringModel.fromYaml(yaml));
        assertThat(invalid).as("the model should be refused").isNotNull();
        return invalid.problems().stream().map(Problem::path).toList();
    }

    private static InvalidModelException refusal(String yaml) {
        return catchThrowableOfType(InvalidModelException.class, () -> ScoringModel.fromYaml(yaml));
    }

    @Test
    void theDefaultModelAndTheTestFrameAreValid() {
        ScoringModel.defaultModel();
        Models.withRules(10, """
                  - id: stay
                    dimension: HEALTH
                    fact: HospitalAdmitted
                    points: 1
                """);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        String yaml = """
                version: broken-1
                colour: red
                parameters: {dibaoLineFen: 110000}
                levels: {BLUE: 30, YELLOW: 25, ORANGE: 60, PURPLE: 90}
                dimensions:
                  AGE_STRUCTURE: {cap: 20}
                  ECONOMIC_SITUATION: {cap: -5}
                  HEALTH: {cap: 30}
                  DISABILITY_AND_CARE: {cap: 25}
                  EMPLOYMENT: {cap: 20}
                  HAPPINESS: {cap: 3}
                rules:
                  - id: health.stay
                    dimension: HEALTH
                    fact: HospitalAdmited
                    points: 4
                  - id: health.bill
                    dimension: WEALTH
                    fact: MedicalExpenseSettled
                    where:
                      outOfPocket: {atLeast: 500000}
                      setting: {equals: AMBULANCE}
                      totalFen: {atleast: 1}
                    window: P180D
                    windw: P90D
                    points: 4
                    cap: -1
                  - id: economic.income
                    dimension: ECONOMIC_SITUATION
                    fact: EconomicCheckDone
                    where: {monthlyIncomePerHeadFen: {below: dibaoLine}}
                    decay: linear
                    points: 0
                  - id: health.stay
                    dimension: HEALTH
                    fact: Member
                    where: {sex: {atLeast: 1}}
                    window: P30D
                    points: 2
                  - id: employment.released
                    dimension: EMPLOYMENT
                    fact: ReleasedFromCustody
                    window: P2000D
                    decay: {halfLife: one year}
                    per: {field: kind, unit: 0}
                    points: 3
                categories:
                  assistanceProgrammes: [DIBAO, FREE_LUNCH]
                  dependants: {ageBelow: 60, ageAtLeast: 16}
                  earlyWarning:
                    level: GREEN
                    edges:
                      - id: edge.job
                        fact: EmploymentEnded
                        cancelledBy: [JobFound]
                rescreening: {interval: quarterly}
                """;

        InvalidModelException invalid = refusal(yaml);

        assertThat(invalid.problems())
                .extracting(Problem::path)
                .containsExactly(
                        "colour",
                        "levels.PURPLE",
                        "levels.YELLOW",
                        "dimensions.ECONOMIC_SITUATION.cap",
                        "dimensions.HAPPINESS",
                        "dimensions.LIVING_CONDITIONS",
                        "rules[0].fact",
                        "rules[1].windw",
                        "rules[1].dimension",
                        "rules[1].where.outOfPocket",
                        "rules[1].where.setting.equals",
                        "rules[1].where.totalFen.atleast",
                        "rules[1].cap",
                        "rules[2].where.monthlyIncomePerHeadFen.below",
                        "rules[2].points",
                        "rules[2].decay",
                        "rules[3].id",
                        "rules[3].where.sex.atLeast",
                        "rules[3].window",
                        "rules[4].window",
                        "rules[4].per.field",
                        "rules[4].per.unit",
                        "rules[4].decay.halfLife",
                        "categories.assistanceProgrammes[1]",
                        "categories.dependants",
                        "categories.earlyWarning.level",
                        "categories.earlyWarning.edges[0].cancelledBy[0]",
                        "rescreening.interval");
        assertThat(invalid.getMessage())
                .startsWith("invalid scoring model (28 problems):")
                .contains("rules[0].fact: unknown fact type 'HospitalAdmited'")
                .contains(
                        "levels.YELLOW: thresholds must increase from BLUE to RED: YELLOW (25) is not above BLUE (30)")
                .contains("dimensions.ECONOMIC_SITUATION.cap: must not be negative: -5")
                .contains("rules[1].dimension: unknown dimension 'WEALTH'")
                .contains("rules[1].where.outOfPocket: unknown field 'outOfPocket' of MedicalExpenseSettled")
                .contains("rules[1].where.setting.equals: unknown CareSetting 'AMBULANCE'")
                .contains("rules[1].windw: unknown field")
                .contains(
                        "rules[2].where.monthlyIncomePerHeadFen.below: unknown parameter 'dibaoLine' (one of dibaoLineFen)")
                .contains("rules[2].decay: linear decay runs to zero at the end of the window: the rule needs a window")
                .contains("rules[3].id: id 'health.stay' is used twice")
                .contains("rules[4].window: window PT48000H is longer than a portrait keeps such facts")
                .contains("categories.assistanceProgrammes[1]: unknown programme 'FREE_LUNCH'")
                .contains("categories.dependants: ageBelow (60) must be under ageAtLeast (16)");
    }

    @Test
    void yamlThatDoesNotParseIsOneProblemWithItsLine() {
        InvalidModelException invalid = refusal("version: x\nlevels: {BLUE: 30\nrules: [\n");

        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEmpty();
            assertThat(problem.message()).startsWith("not valid YAML (line ");
        });
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        assertThatThrownBy(() -> ScoringModel.fromYaml("version: a\nversion: b\n"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("version");
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefused() {
        assertThat(paths("- just\n- a list\n")).containsExactly("");
    }

    @Test
    void everyMissingSectionIsNamed() {
        assertThat(paths("description: nothing else\n"))
                .containsExactly("version", "levels", "dimensions", "rules", "categories");
    }

    @Test
    void orderingComparisonsNeedNumbersAndListsNeedLists() {
        assertThat(paths(Models.frame("test-1", 10, """
                          - id: illness
                            dimension: HEALTH
                            fact: IllnessCertified
                            where: {category: {below: 3}}
                            points: 1
                          - id: illness-in
                            dimension: HEALTH
                            fact: IllnessCertified
                            where: {category: {in: SERIOUS}}
                            points: 1
                          - id: admitted-on
                            dimension: HEALTH
                            fact: HospitalAdmitted
                            where: {emergency: {equals: yes}}
                            points: 1
                          - id: released-on
                            dimension: EMPLOYMENT
                            fact: ReleasedFromCustody
                            where: {releaseDate: {equals: '2026-01-01'}}
                            points: 1
                        """)))
                .containsExactly(
                        "rules[0].where.category.below",
                        "rules[1].where.category.in",
                        "rules[2].where.emergency.equals",
                        "rules[3].where.releaseDate.equals");
    }

    @Test
    void aMemberRuleTakesNoWindowNorCancellationAndFactsOfOneRuleShareTheirFields() {
        assertThat(paths(Models.frame("test-1", 10, """
                          - id: elderly
                            dimension: AGE_STRUCTURE
                            fact: Member
                            where: {age: {atLeast: 80}}
                            cancelledBy: [MemberLeft]
                            latest: true
                            points: 1
                          - id: mixed
                            dimension: LIVING_CONDITIONS
                            fact: [VisitRecorded, RentArrearsReported]
                            points: 1
                        """)))
                .containsExactly(
                        "rules[0].cancelledBy[0]", "rules[0].cancelledBy", "rules[0].latest", "rules[1].fact[1]");
    }

    @Test
    void levelsAreTheFourRealLevelsWithPositiveIncreasingThresholds() {
        String yaml = Models.frame("test-1", 10, """
                          - id: stay
                            dimension: HEALTH
                            fact: HospitalAdmitted
                            points: 1
                        """)
                .replace(
                        "levels: {BLUE: 10, YELLOW: 20, ORANGE: 30, RED: 40}",
                        "levels: {UNKNOWN: 5, BLUE: 0, RED: 40}");

        assertThat(paths(yaml)).containsExactly("levels.UNKNOWN", "levels.BLUE");
    }

    @Test
    void theModelKeepsItsSourceTextAndVersion() {
        String yaml = Models.frame("test-7", 10, """
                  - id: stay
                    dimension: HEALTH
                    fact: HospitalAdmitted
                    points: 1
                """);

        ScoringModel model = ScoringModel.fromYaml(yaml);

        assertThat(model.yaml()).isEqualTo(yaml);
        assertThat(model.version()).isEqualTo("test-7");
        assertThat(model.rescreenInterval()).hasDays(90);
        assertThat(model).hasToString("ScoringModel[test-7]");
    }
}
