package org.zhengce.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.scoring.portrait.Events.aboutHousehold;
import static org.zhengce.scoring.portrait.Events.aboutPerson;
import static org.zhengce.scoring.portrait.Events.admitted;
import static org.zhengce.scoring.portrait.Events.disability;
import static org.zhengce.scoring.portrait.Events.economicCheck;
import static org.zhengce.scoring.portrait.Events.ended;
import static org.zhengce.scoring.portrait.Events.expense;
import static org.zhengce.scoring.portrait.Events.granted;
import static org.zhengce.scoring.portrait.Events.grantedUntil;
import static org.zhengce.scoring.portrait.Events.illness;
import static org.zhengce.scoring.portrait.Events.jobEnded;
import static org.zhengce.scoring.portrait.Events.jobStarted;
import static org.zhengce.scoring.portrait.Events.member;
import static org.zhengce.scoring.portrait.Events.registered;
import static org.zhengce.scoring.portrait.Events.released;
import static org.zhengce.scoring.portrait.Events.utilityArrears;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.zhengce.events.AssistanceEndReason;
import org.zhengce.events.Department;
import org.zhengce.events.Dimension;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.Programme;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.events.UtilityType;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.portrait.Events;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Portraits;

class ScoringModelTest {

    private static final ScoringModel MODEL = ScoringModel.defaultModel();

    private static final String FATHER = "p-father";
    private static final String MOTHER = "p-mother";
    private static final String SON = "p-son";
    private static final String GRANDPA = "p-grandpa";
    private static final String GRANDMA = "p-grandma";

    /** Father 47, mother 45, son 11 (born 2014-09-01), registered 2026-01-05. */
    private static HouseholdEvent familyOfThree() {
        return aboutHousehold()
                .at("2026-01-05T01:00:00Z")
                .fact(registered(
                        member(FATHER, RelationToHead.HEAD, "1978-07-01", Sex.MALE),
                        member(MOTHER, RelationToHead.SPOUSE, "1980-11-20", Sex.FEMALE),
                        member(SON, RelationToHead.CHILD, "2014-09-01", Sex.MALE)));
    }

    private static Portrait portrait(HouseholdEvent... events) {
        return Events.portraitOf(events);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Nested
    class TheDefaultModel {

        @Test
        void isWuchangsSixDimensionsWithItsVersionLinesAndQuarterlyRescreening() {
            assertThat(MODEL.version()).isEqualTo("wuchang-2026.1");
            assertThat(MODEL.thresholds())
                    .containsExactly(
                            Map.entry(WarningLevel.BLUE, 30),
                            Map.entry(WarningLevel.YELLOW, 45),
                            Map.entry(WarningLevel.ORANGE, 60),
                            Map.entry(WarningLevel.RED, 80));
            assertThat(MODEL.caps().keySet()).containsExactlyElementsOf(ScoringModel.DIMENSIONS);
            assertThat(MODEL.rescreenInterval()).isEqualTo(Duration.ofDays(90));
            assertThat(MODEL.yaml()).startsWith("# 低收入人口动态监测预警模型").contains("version: wuchang-2026.1");
        }

        @Test
        void anEmptyPortraitScoresZeroOnEverySixDimensionsAndNeverChanges() {
            Assessment assessment = MODEL.assess(Portraits.empty(Events.HOUSEHOLD), at("2026-03-01T00:00:00Z"));

            assertThat(assessment.dimensions()).containsOnlyKeys(ScoringModel.DIMENSIONS);
            assertThat(assessment.dimensions().values()).containsOnly(0);
            assertThat(assessment.total()).isZero();
            assertThat(assessment.contributions()).isEmpty();
            assertThat(assessment.warned()).isFalse();
            assertThat(assessment.threshold()).isEqualTo(30);
            assertThat(assessment.nextChangeAt()).isNull();
        }

        @Test
        void assessingIsPureTheSamePortraitAndInstantGiveTheSameAssessment() {
            Portrait portrait = portrait(Events.everyKindOfFact().toArray(HouseholdEvent[]::new));
            Instant now = at("2026-04-01T00:00:00Z");

            assertThat(MODEL.assess(portrait, now)).isEqualTo(MODEL.assess(portrait, now));
        }
    }

    @Nested
    class WarningCategories {

        @Test
        void aDibaoHouseholdWithABigHospitalBillIsAssistanceInsufficient() {
            HouseholdEvent bill = aboutPerson(FATHER)
                    .by(Department.MEDICAL_INSURANCE)
                    .at("2026-03-20T06:00:00Z")
                    .fact(expense(2_400_000, 860_000));
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutHousehold().at("2026-01-10T02:00:00Z").fact(economicCheck(95_000, false)),
                    aboutHousehold().at("2026-01-20T02:00:00Z").fact(granted(Programme.DIBAO, 120_000, "2026-02-01")),
                    aboutPerson(FATHER)
                            .by(Department.HEALTH)
                            .at("2026-03-01T03:00:00Z")
                            .fact(admitted(false)),
                    bill);

            Assessment assessment = MODEL.assess(portrait, at("2026-03-21T00:00:00Z"));

            assertThat(assessment.dimensions())
                    .containsEntry(Dimension.AGE_STRUCTURE, 4)
                    .containsEntry(Dimension.ECONOMIC_SITUATION, 18)
                    .containsEntry(Dimension.HEALTH, 20);
            assertThat(assessment.total()).isEqualTo(42);
            assertThat(assessment.category()).isEqualTo(WarningCategory.ASSISTANCE_INSUFFICIENT);
            assertThat(assessment.level()).isEqualTo(WarningLevel.BLUE);
            assertThat(assessment.threshold()).isEqualTo(30);
            assertThat(assessment.contributions())
                    .filteredOn(c -> c.department() == Department.MEDICAL_INSURANCE)
                    .containsExactly(
                            new Contribution(
                                    Department.MEDICAL_INSURANCE,
                                    bill.getPlatformEventId(),
                                    "MedicalExpenseSettled",
                                    bill.getOccurredAt(),
                                    Dimension.HEALTH,
                                    8,
                                    "health.large-bill"),
                            new Contribution(
                                    Department.MEDICAL_INSURANCE,
                                    bill.getPlatformEventId(),
                                    "MedicalExpenseSettled",
                                    bill.getOccurredAt(),
                                    Dimension.HEALTH,
                                    8,
                                    "health.out-of-pocket"));
        }

        @Test
        void elderlyWithChronicIllnessOnALowIncomeAndNoProgrammeIsAssistanceMissing() {
            Portrait portrait = portrait(
                    aboutHousehold()
                            .at("2026-01-05T01:00:00Z")
                            .fact(registered(
                                    member(GRANDPA, RelationToHead.HEAD, "1943-05-01", Sex.MALE),
                                    member(GRANDMA, RelationToHead.SPOUSE, "1947-08-01", Sex.FEMALE))),
                    aboutPerson(GRANDPA)
                            .by(Department.HEALTH)
                            .at("2026-01-15T02:00:00Z")
                            .fact(illness(IllnessCategory.CHRONIC)),
                    aboutPerson(GRANDMA)
                            .by(Department.HEALTH)
                            .at("2026-01-16T02:00:00Z")
                            .fact(illness(IllnessCategory.CHRONIC)),
                    aboutHousehold().at("2026-02-01T02:00:00Z").fact(economicCheck(130_000, false)));

            Assessment assessment = MODEL.assess(portrait, at("2026-03-01T00:00:00Z"));

            assertThat(assessment.dimensions())
                    .containsEntry(Dimension.AGE_STRUCTURE, 12) // 82: 8, 78: 4
                    .containsEntry(Dimension.HEALTH, 12)
                    .containsEntry(Dimension.ECONOMIC_SITUATION, 10);
            assertThat(assessment.total()).isEqualTo(34);
            assertThat(assessment.category()).isEqualTo(WarningCategory.ASSISTANCE_MISSING);
            assertThat(assessment.level()).isEqualTo(WarningLevel.BLUE);
            assertThat(assessment.contributionsTo(Dimension.AGE_STRUCTURE))
                    .extracting(Contribution::rule, Contribution::eventType, Contribution::points)
                    .containsExactly(
                            tuple("age.elderly-80", "HouseholdRegistered", 8),
                            tuple("age.elderly-60", "HouseholdRegistered", 4));
        }

        @Test
        void aJobLostWithAChildAndNoProgrammeIsAnEarlyWarningBelowTheLine() {
            Portrait portrait = portrait(
                    aboutHousehold()
                            .at("2026-01-05T01:00:00Z")
                            .fact(registered(
                                    member(FATHER, RelationToHead.HEAD, "1988-07-01", Sex.MALE),
                                    member(SON, RelationToHead.CHILD, "2016-09-01", Sex.MALE))),
                    aboutPerson(FATHER)
                            .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                            .at("2026-03-01T00:00:00Z")
                            .fact(jobEnded()));

            Assessment assessment = MODEL.assess(portrait, at("2026-03-15T00:00:00Z"));

            assertThat(assessment.total()).isEqualTo(11).isLessThan(30); // son 4, job lost 8 × 166/180 = 7
            assertThat(assessment.category()).isEqualTo(WarningCategory.EARLY_WARNING);
            assertThat(assessment.level()).isEqualTo(WarningLevel.BLUE);
            assertThat(assessment.threshold()).isEqualTo(30);
            assertThat(assessment.contributionsTo(Dimension.EMPLOYMENT))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.department()).isEqualTo(Department.HUMAN_RESOURCES_SOCIAL_SECURITY);
                        assertThat(c.rule()).isEqualTo("employment.job-lost");
                        assertThat(c.points()).isEqualTo(7);
                    });
        }

        @Test
        void aJobLostWithoutDependantsIsNoWarning() {
            Portrait portrait = portrait(
                    aboutHousehold()
                            .at("2026-01-05T01:00:00Z")
                            .fact(registered(
                                    member(FATHER, RelationToHead.HEAD, "1988-07-01", Sex.MALE),
                                    member(MOTHER, RelationToHead.SPOUSE, "1990-02-01", Sex.FEMALE))),
                    aboutPerson(FATHER)
                            .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                            .at("2026-03-01T00:00:00Z")
                            .fact(jobEnded()));

            assertThat(MODEL.assess(portrait, at("2026-03-15T00:00:00Z")).warned())
                    .isFalse();
        }

        @Test
        void aNewJobEndsTheEarlyWarningAndTheJobLossPoints() {
            Portrait portrait = portrait(
                    aboutHousehold()
                            .at("2026-01-05T01:00:00Z")
                            .fact(registered(
                                    member(FATHER, RelationToHead.HEAD, "1988-07-01", Sex.MALE),
                                    member(SON, RelationToHead.CHILD, "2016-09-01", Sex.MALE))),
                    aboutPerson(FATHER)
                            .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                            .at("2026-03-01T00:00:00Z")
                            .fact(jobEnded()),
                    aboutPerson(FATHER)
                            .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                            .at("2026-03-10T00:00:00Z")
                            .fact(jobStarted(450_000)));

            Assessment assessment = MODEL.assess(portrait, at("2026-03-15T00:00:00Z"));

            assertThat(assessment.warned()).isFalse();
            assertThat(assessment.dimensions()).containsEntry(Dimension.EMPLOYMENT, 0);
        }

        @Test
        void aHouseholdBelowEveryLineIsNotWarnedAndChangesOnTheChildsSixteenthBirthday() {
            Portrait portrait = portrait(
                    familyOfThree(), aboutHousehold().at("2026-01-10T02:00:00Z").fact(economicCheck(300_000, false)));

            Assessment assessment = MODEL.assess(portrait, at("2026-03-01T00:00:00Z"));

            assertThat(assessment.total()).isEqualTo(4);
            assertThat(assessment.category()).isNull();
            assertThat(assessment.level()).isNull();
            assertThat(assessment.threshold()).isEqualTo(30);
            // 2030-09-01 00:00 in Asia/Shanghai: the minor's points go
            assertThat(assessment.nextChangeAt()).isEqualTo(at("2030-08-31T16:00:00Z"));
            assertThat(MODEL.assess(portrait, assessment.nextChangeAt()).total())
                    .isZero();
        }

        @Test
        void leavingAProgrammeIsAnEarlyWarningForHalfAYear() {
            HouseholdEvent left = aboutHousehold()
                    .at("2026-02-01T00:00:00Z")
                    .fact(ended(Programme.DIBAO, "2026-01-31", AssistanceEndReason.INCOME_ABOVE_LINE));
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutHousehold().at("2025-06-01T00:00:00Z").fact(granted(Programme.DIBAO, 120_000, "2025-06-01")),
                    left);

            Assessment soon = MODEL.assess(portrait, at("2026-02-02T00:00:00Z"));
            Instant halfAYearOn = left.getOccurredAt().plus(Duration.ofDays(180));
            Assessment later = MODEL.assess(portrait, halfAYearOn);

            assertThat(soon.category()).isEqualTo(WarningCategory.EARLY_WARNING);
            assertThat(soon.contributionsTo(Dimension.ECONOMIC_SITUATION))
                    .extracting(Contribution::rule)
                    .containsExactly("economic.left-programme");
            assertThat(later.warned()).isFalse();
            assertThat(MODEL.assess(portrait, halfAYearOn.minusMillis(1)).category())
                    .isEqualTo(WarningCategory.EARLY_WARNING);
        }

        @Test
        void aProgrammesFixedPeriodEndingTurnsInsufficientIntoMissingOnTheNextDay() {
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutHousehold().at("2026-01-10T02:00:00Z").fact(economicCheck(50_000, false)),
                    aboutHousehold()
                            .at("2026-01-20T02:00:00Z")
                            .fact(grantedUntil(Programme.DIBAO, 120_000, "2026-02-01", "2026-03-31")),
                    aboutPerson(FATHER)
                            .by(Department.MEDICAL_INSURANCE)
                            .at("2026-03-20T06:00:00Z")
                            .fact(expense(2_400_000, 860_000)));

            Assessment march = MODEL.assess(portrait, at("2026-03-25T00:00:00Z"));

            assertThat(march.category()).isEqualTo(WarningCategory.ASSISTANCE_INSUFFICIENT);
            // 2026-04-01 00:00 in Asia/Shanghai
            assertThat(march.nextChangeAt()).isEqualTo(at("2026-03-31T16:00:00Z"));
            assertThat(MODEL.assess(portrait, march.nextChangeAt()).category())
                    .isEqualTo(WarningCategory.ASSISTANCE_MISSING);
        }

        @Test
        void withAppliesOverTheLineAnEdgeOverTheLineIsAnEarlyWarningAtLeastAtItsLevel() {
            String yaml = MODEL.yaml()
                    .replace("version: wuchang-2026.1", "version: wuchang-2026.1-edge")
                    .replace("appliesOverTheLine: false", "appliesOverTheLine: true")
                    .replace("    level: BLUE\n", "    level: YELLOW\n");
            ScoringModel model = ScoringModel.fromYaml(yaml);
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutHousehold().at("2026-01-10T02:00:00Z").fact(economicCheck(50_000, false)),
                    aboutPerson(FATHER)
                            .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                            .at("2026-03-01T00:00:00Z")
                            .fact(jobEnded()),
                    aboutPerson(FATHER)
                            .by(Department.MEDICAL_INSURANCE)
                            .at("2026-03-02T00:00:00Z")
                            .fact(expense(900_000, 300_000)));

            Assessment assessment = model.assess(portrait, at("2026-03-03T00:00:00Z"));
            Assessment byDefault = MODEL.assess(portrait, at("2026-03-03T00:00:00Z"));

            assertThat(assessment.total()).isEqualTo(33).isEqualTo(byDefault.total());
            assertThat(byDefault.category()).isEqualTo(WarningCategory.ASSISTANCE_MISSING);
            assertThat(byDefault.level()).isEqualTo(WarningLevel.BLUE);
            assertThat(assessment.category()).isEqualTo(WarningCategory.EARLY_WARNING);
            assertThat(assessment.level()).isEqualTo(WarningLevel.YELLOW);
            assertThat(assessment.modelVersion()).isEqualTo("wuchang-2026.1-edge");
        }

        @Test
        void factsOfPersonsWhoAreNotMembersDoNotCount() {
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutPerson("p-lodger")
                            .by(Department.HEALTH)
                            .at("2026-03-01T00:00:00Z")
                            .fact(illness(IllnessCategory.SERIOUS)));

            assertThat(MODEL.assess(portrait, at("2026-03-02T00:00:00Z")).dimensions())
                    .containsEntry(Dimension.HEALTH, 0);
        }
    }

    @Nested
    class Selection {

        @Test
        void onlyTheLatestCertificateOfAPersonCounts() {
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutPerson(FATHER)
                            .by(Department.DISABLED_PERSONS_FEDERATION)
                            .at("2026-01-10T00:00:00Z")
                            .fact(disability(2, DisabilityType.PHYSICAL)),
                    aboutPerson(FATHER)
                            .by(Department.DISABLED_PERSONS_FEDERATION)
                            .at("2026-02-10T00:00:00Z")
                            .fact(disability(3, DisabilityType.PHYSICAL)));

            assertThat(MODEL.assess(portrait, at("2026-03-01T00:00:00Z"))
                            .contributionsTo(Dimension.DISABILITY_AND_CARE))
                    .extracting(Contribution::rule, Contribution::points)
                    .containsExactly(tuple("disability.moderate", 5));
        }

        @Test
        void theLatestReportOfEachUtilityCounts() {
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutHousehold()
                            .by(Department.UTILITIES)
                            .at("2026-01-10T00:00:00Z")
                            .fact(utilityArrears(UtilityType.ELECTRICITY, 3)),
                    aboutHousehold()
                            .by(Department.UTILITIES)
                            .at("2026-02-10T00:00:00Z")
                            .fact(utilityArrears(UtilityType.ELECTRICITY, 4)),
                    aboutHousehold()
                            .by(Department.UTILITIES)
                            .at("2026-02-11T00:00:00Z")
                            .fact(utilityArrears(UtilityType.WATER, 1)));

            assertThat(MODEL.assess(portrait, at("2026-03-01T00:00:00Z")).contributionsTo(Dimension.LIVING_CONDITIONS))
                    .extracting(Contribution::eventId, Contribution::points)
                    .containsExactly(
                            tuple("UtilityArrearsReported@" + Events.HOUSEHOLD + "@2026-02-11T00:00:00Z", 1),
                            tuple("UtilityArrearsReported@" + Events.HOUSEHOLD + "@2026-02-10T00:00:00Z", 4));
        }

        @Test
        void aPersonsSeriousAndChronicIllnessesBothCountOnceEach() {
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutPerson(MOTHER)
                            .by(Department.HEALTH)
                            .at("2026-01-10T00:00:00Z")
                            .fact(illness(IllnessCategory.CHRONIC)),
                    aboutPerson(MOTHER)
                            .by(Department.HEALTH)
                            .at("2026-01-20T00:00:00Z")
                            .fact(illness(IllnessCategory.SERIOUS)),
                    aboutPerson(MOTHER)
                            .by(Department.HEALTH)
                            .at("2026-02-20T00:00:00Z")
                            .fact(illness(IllnessCategory.CHRONIC)));

            assertThat(MODEL.assess(portrait, at("2026-03-01T00:00:00Z")).contributionsTo(Dimension.HEALTH))
                    .extracting(Contribution::rule, Contribution::points, Contribution::occurredAt)
                    .containsExactly(
                            tuple("health.serious-illness", 10, at("2026-01-20T00:00:00Z")),
                            tuple("health.chronic-illness", 6, at("2026-02-20T00:00:00Z")));
        }
    }

    @Nested
    class Levels {

        private final ScoringModel model = Models.withRules(50, """
                  - id: points-per-month
                    dimension: LIVING_CONDITIONS
                    fact: RentArrearsReported
                    latest: true
                    per: {field: monthsUnpaid, unit: 1}
                    points: 1
                """);

        private Assessment withMonthsUnpaid(int months) {
            Portrait portrait = portrait(
                    aboutHousehold().at("2026-01-01T00:00:00Z").fact(Events.rentArrears(months, months * 60_000L)));
            return model.assess(portrait, at("2026-01-02T00:00:00Z"));
        }

        @Test
        void theLevelIsTheHighestLineTheTotalReaches() {
            assertThat(withMonthsUnpaid(9).level()).isNull();
            assertThat(withMonthsUnpaid(9).threshold()).isEqualTo(10);
            assertThat(withMonthsUnpaid(10).level()).isEqualTo(WarningLevel.BLUE);
            assertThat(withMonthsUnpaid(19).level()).isEqualTo(WarningLevel.BLUE);
            assertThat(withMonthsUnpaid(20).level()).isEqualTo(WarningLevel.YELLOW);
            assertThat(withMonthsUnpaid(20).threshold()).isEqualTo(20);
            assertThat(withMonthsUnpaid(30).level()).isEqualTo(WarningLevel.ORANGE);
            assertThat(withMonthsUnpaid(40).level()).isEqualTo(WarningLevel.RED);
            assertThat(withMonthsUnpaid(49).threshold()).isEqualTo(40);
            assertThat(withMonthsUnpaid(49).category()).isEqualTo(WarningCategory.ASSISTANCE_MISSING);
        }
    }

    @Nested
    class Caps {

        private final ScoringModel model = Models.withRules(10, """
                  - id: stay
                    dimension: HEALTH
                    fact: HospitalAdmitted
                    points: 4
                    cap: 10
                  - id: serious
                    dimension: HEALTH
                    fact: IllnessCertified
                    points: 6
                """);

        private final HouseholdEvent first = stay("2026-01-01T00:00:00Z");
        private final HouseholdEvent second = stay("2026-01-02T00:00:00Z");
        private final HouseholdEvent third = stay("2026-01-03T00:00:00Z");

        private HouseholdEvent stay(String instant) {
            return aboutPerson(FATHER).by(Department.HEALTH).at(instant).fact(admitted(false));
        }

        private Contribution contribution(HouseholdEvent event, int points, String rule) {
            return new Contribution(
                    event.getDepartment(),
                    event.getPlatformEventId(),
                    org.zhengce.scoring.portrait.Source.eventType(event),
                    event.getOccurredAt(),
                    Dimension.HEALTH,
                    points,
                    rule);
        }

        @Test
        void aRulesCapKeepsTheNewestFactsWholeAndTrimsTheOldest() {
            Portrait portrait = portrait(familyOfThree(), first, second, third);

            Assessment assessment = model.assess(portrait, at("2026-01-04T00:00:00Z"));

            assertThat(assessment.contributionsTo(Dimension.HEALTH))
                    .containsExactly(
                            contribution(third, 4, "stay"),
                            contribution(second, 4, "stay"),
                            contribution(first, 2, "stay"));
            assertThat(assessment.dimensions()).containsEntry(Dimension.HEALTH, 10);
        }

        @Test
        void aDimensionsCapKeepsRulesInTheirOrderAndTheReasonsAddUpToThePublishedPoints() {
            HouseholdEvent certified = aboutPerson(SON)
                    .by(Department.HEALTH)
                    .at("2026-01-03T12:00:00Z")
                    .fact(illness(IllnessCategory.SERIOUS));
            Portrait portrait = portrait(familyOfThree(), first, certified);

            Assessment assessment = model.assess(portrait, at("2026-01-04T00:00:00Z"));

            // 4 + 6 = 10 fits; add two stays and the illness no longer does: 4 + 4 + 2 of the stays, none of it
            assertThat(assessment.contributionsTo(Dimension.HEALTH))
                    .containsExactly(contribution(first, 4, "stay"), contribution(certified, 6, "serious"));
            Assessment full =
                    model.assess(Portraits.apply(Portraits.apply(portrait, second), third), at("2026-01-04T00:00:00Z"));
            assertThat(full.contributionsTo(Dimension.HEALTH))
                    .containsExactly(
                            contribution(third, 4, "stay"),
                            contribution(second, 4, "stay"),
                            contribution(first, 2, "stay"));
            for (Assessment a : List.of(assessment, full)) {
                Map<Dimension, Integer> sums = new EnumMap<>(Dimension.class);
                ScoringModel.DIMENSIONS.forEach(d -> sums.put(d, 0));
                a.contributions().forEach(c -> sums.merge(c.dimension(), c.points(), Integer::sum));
                assertThat(sums).isEqualTo(a.dimensions());
                assertThat(a.total())
                        .isEqualTo(a.dimensions().values().stream()
                                .mapToInt(i -> i)
                                .sum());
            }
        }

        @Test
        void pointsOnAWindowsSumGoToTheFactsThatCrossEachUnit() {
            ScoringModel perThousand = Models.withRules(30, """
                      - id: out-of-pocket
                        dimension: HEALTH
                        fact: MedicalExpenseSettled
                        window: P365D
                        per: {field: outOfPocketFen, unit: 100000, summed: true}
                        points: 2
                    """);
            HouseholdEvent a = aboutPerson(FATHER)
                    .by(Department.MEDICAL_INSURANCE)
                    .at("2026-01-01T00:00:00Z")
                    .fact(expense(100_000, 60_000));
            HouseholdEvent b = aboutPerson(SON)
                    .by(Department.MEDICAL_INSURANCE)
                    .at("2026-01-02T00:00:00Z")
                    .fact(expense(100_000, 60_000));
            HouseholdEvent c = aboutPerson(FATHER)
                    .by(Department.MEDICAL_INSURANCE)
                    .at("2026-01-03T00:00:00Z")
                    .fact(expense(500_000, 190_000));

            Assessment assessment = perThousand.assess(portrait(familyOfThree(), a, b, c), at("2026-01-04T00:00:00Z"));

            // running sums 60,000 / 120,000 / 310,000 fen: 0, 2 and 4 more points (3 units of 100,000 in all)
            assertThat(assessment.contributionsTo(Dimension.HEALTH))
                    .extracting(Contribution::eventId, Contribution::points)
                    .containsExactly(tuple(c.getPlatformEventId(), 4), tuple(b.getPlatformEventId(), 2));
            assertThat(assessment.dimensions()).containsEntry(Dimension.HEALTH, 6);
        }
    }

    @Nested
    class Windows {

        private final ScoringModel model = Models.withRules(30, """
                  - id: stay
                    dimension: HEALTH
                    fact: HospitalAdmitted
                    window: P180D
                    points: 5
                """);

        @Test
        void theSamePortraitScoresLowerOnceAFactLeavesItsWindowExactlyAtNextChangeAt() {
            HouseholdEvent stay = aboutPerson(FATHER)
                    .by(Department.HEALTH)
                    .at("2026-01-01T08:00:00Z")
                    .fact(admitted(false));
            Portrait portrait = portrait(familyOfThree(), stay);

            Assessment now = model.assess(portrait, at("2026-01-11T00:00:00Z"));
            Instant leaves = stay.getOccurredAt().plus(Duration.ofDays(180));

            assertThat(now.total()).isEqualTo(5);
            assertThat(now.nextChangeAt()).isEqualTo(leaves);
            assertThat(model.assess(portrait, leaves.minusMillis(1)).total()).isEqualTo(5);
            Assessment later = model.assess(portrait, leaves);
            assertThat(later.total()).isZero();
            assertThat(later.contributions()).isEmpty();
            assertThat(later.nextChangeAt()).isNull();
        }

        @Test
        void aFactThatHappensAfterTheInstantCountsFromWhenItHappens() {
            HouseholdEvent stay = aboutPerson(FATHER)
                    .by(Department.HEALTH)
                    .at("2026-02-01T00:00:00Z")
                    .fact(admitted(false));
            Portrait portrait = portrait(familyOfThree(), stay);

            Assessment before = model.assess(portrait, at("2026-01-31T00:00:00Z"));

            assertThat(before.total()).isZero();
            assertThat(before.nextChangeAt()).isEqualTo(stay.getOccurredAt());
        }

        @Test
        void theNextChangeSkipsInstantsAtWhichNothingChanges() {
            ScoringModel capped = Models.withRules(5, """
                      - id: stay
                        dimension: HEALTH
                        fact: HospitalAdmitted
                        window: P180D
                        points: 5
                    """);
            HouseholdEvent older = aboutPerson(FATHER)
                    .by(Department.HEALTH)
                    .at("2026-01-01T00:00:00Z")
                    .fact(admitted(false));
            HouseholdEvent newer = aboutPerson(SON)
                    .by(Department.HEALTH)
                    .at("2026-01-20T00:00:00Z")
                    .fact(admitted(false));
            Portrait portrait = portrait(familyOfThree(), older, newer);

            Assessment assessment = capped.assess(portrait, at("2026-02-01T00:00:00Z"));

            // the newer stay fills the cap alone: the older one leaving changes neither score nor reasons
            assertThat(assessment.contributions())
                    .singleElement()
                    .extracting(Contribution::eventId)
                    .isEqualTo(newer.getPlatformEventId());
            assertThat(assessment.nextChangeAt())
                    .isEqualTo(newer.getOccurredAt().plus(Duration.ofDays(180)));
        }
    }

    @Nested
    class Decays {

        @Test
        void linearDecayFadesToZeroAtTheWindowsEndRoundedHalfUp() {
            ScoringModel model = Models.withRules(30, """
                      - id: stay
                        dimension: HEALTH
                        fact: HospitalAdmitted
                        window: P100D
                        decay: linear
                        points: 10
                    """);
            Instant admitted = at("2026-01-01T00:00:00Z");
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutPerson(FATHER).by(Department.HEALTH).at(admitted).fact(admitted(false)));

            Assessment fresh = model.assess(portrait, admitted);

            assertThat(fresh.total()).isEqualTo(10);
            // 10 × (100 − 5) / 100 = 9.5 still rounds to 10; one millisecond later it is 9
            assertThat(fresh.nextChangeAt())
                    .isEqualTo(admitted.plus(Duration.ofDays(5)).plusMillis(1));
            assertThat(model.assess(portrait, admitted.plus(Duration.ofDays(5))).total())
                    .isEqualTo(10);
            assertThat(model.assess(portrait, fresh.nextChangeAt()).total()).isEqualTo(9);
            assertThat(model.assess(portrait, admitted.plus(Duration.ofDays(50)))
                            .total())
                    .isEqualTo(5);
            assertThat(model.assess(portrait, admitted.plus(Duration.ofDays(96)))
                            .total())
                    .isZero();
            Assessment last = model.assess(portrait, admitted.plus(Duration.ofDays(94)));
            assertThat(last.total()).isEqualTo(1);
            assertThat(last.nextChangeAt())
                    .isEqualTo(admitted.plus(Duration.ofDays(95)).plusMillis(1));
        }

        @Test
        void halfLifeDecayHalvesThePointsEveryHalfLife() {
            ScoringModel model = Models.withRules(30, """
                      - id: released
                        dimension: EMPLOYMENT
                        fact: ReleasedFromCustody
                        window: P730D
                        decay: {halfLife: P100D}
                        points: 8
                    """);
            Instant release = at("2026-01-01T00:00:00Z");
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutPerson(FATHER).by(Department.JUSTICE).at(release).fact(released("2025-12-31")));

            assertThat(model.assess(portrait, release).total()).isEqualTo(8);
            assertThat(model.assess(portrait, release.plus(Duration.ofDays(100)))
                            .total())
                    .isEqualTo(4);
            assertThat(model.assess(portrait, release.plus(Duration.ofDays(200)))
                            .total())
                    .isEqualTo(2);
            assertThat(model.assess(portrait, release.plus(Duration.ofDays(300)))
                            .total())
                    .isEqualTo(1);
            Assessment fresh = model.assess(portrait, release);
            Instant step = fresh.nextChangeAt();
            assertThat(model.assess(portrait, step.minusMillis(1)).total()).isEqualTo(8);
            assertThat(model.assess(portrait, step).total()).isEqualTo(7);
        }

        @Test
        void theDefaultModelsHospitalStayFadesOverHalfAYear() {
            Instant admittedAt = at("2026-03-01T00:00:00Z");
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutPerson(FATHER).by(Department.HEALTH).at(admittedAt).fact(admitted(false)));

            int fresh = MODEL.assess(portrait, admittedAt).dimensions().get(Dimension.HEALTH);
            int later = MODEL.assess(portrait, admittedAt.plus(Duration.ofDays(120)))
                    .dimensions()
                    .get(Dimension.HEALTH);

            assertThat(fresh).isEqualTo(4);
            assertThat(later).isEqualTo(1); // 4 × 60 / 180 = 1.33
        }
    }

    @Nested
    class Versions {

        @Test
        void aSecondVersionWithOtherWeightsGivesOtherScoresAndCarriesItsVersion() {
            ScoringModel candidate = ScoringModel.fromYaml(MODEL.yaml()
                    .replace("version: wuchang-2026.1", "version: wuchang-2026.2-candidate")
                    .replace("  dibaoLineFen: 110000", "  dibaoLineFen: 120000")
                    .replace("    points: 18\n", "    points: 24\n"));
            Portrait portrait = portrait(
                    familyOfThree(),
                    aboutHousehold().at("2026-01-10T02:00:00Z").fact(economicCheck(115_000, false)),
                    aboutPerson(FATHER)
                            .by(Department.MEDICAL_INSURANCE)
                            .at("2026-03-20T06:00:00Z")
                            .fact(expense(2_400_000, 860_000)));
            Instant now = at("2026-03-21T00:00:00Z");

            Assessment active = MODEL.assess(portrait, now);
            Assessment other = candidate.assess(portrait, now);

            assertThat(active.modelVersion()).isEqualTo("wuchang-2026.1");
            assertThat(other.modelVersion()).isEqualTo("wuchang-2026.2-candidate");
            // 115,000 fen is low income under the first (10 points), below the dibao line under the second (24)
            assertThat(active.dimensions()).containsEntry(Dimension.ECONOMIC_SITUATION, 10);
            assertThat(other.dimensions()).containsEntry(Dimension.ECONOMIC_SITUATION, 24);
            assertThat(active.total()).isEqualTo(30);
            assertThat(other.total()).isEqualTo(44);
            assertThat(active.level()).isEqualTo(WarningLevel.BLUE);
            assertThat(other.level()).isEqualTo(WarningLevel.BLUE);
            assertThat(other.contributions())
                    .extracting(Contribution::rule)
                    .contains("economic.below-dibao-line")
                    .doesNotContain("economic.low-income");
        }
    }
}
