package org.zhengce.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.zhengce.events.AssistanceEndReason;
import org.zhengce.events.Department;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.DisasterSeverity;
import org.zhengce.events.DropOutRiskKind;
import org.zhengce.events.EducationLevel;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HousingSafetyGrade;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.Programme;
import org.zhengce.events.RejectionReason;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.events.SocialInsuranceKind;
import org.zhengce.events.Urgency;
import org.zhengce.events.UtilityType;
import org.zhengce.scoring.portrait.Events;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Portraits;

/**
 * The compiled evaluation ({@link Evaluator}) gives exactly what the straightforward one it replaced gives
 * ({@link ReferenceEvaluator}): the same assessment with the same next change, the same candidate instants and the
 * same certain ones, on thousands of seeded random portrait histories (members joining and leaving, facts of every
 * type with random fields, subjects and times, some in the future) under three models that use every feature of the
 * grammar.
 */
class CompiledEvaluationTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** The default model with lower lines and edges that turn a household over the line into an early warning. */
    private static final String OVER_THE_LINE = ScoringModel.defaultModel()
            .yaml()
            .replace("appliesOverTheLine: false", "appliesOverTheLine: true")
            .replace("BLUE: 30", "BLUE: 12")
            .replace("version: wuchang-2026.1", "version: test-over-the-line");

    /** Rules with what the default model does not use: half-life on amounts per fact, latest over two types... */
    private static final String FEATURES = Models.frame("test-features", 14, """
              - id: members-old
                dimension: AGE_STRUCTURE
                fact: Member
                where: {age: {above: 59}, relationToHead: {notIn: [HEAD]}}
                points: 3
              - id: members-young
                dimension: AGE_STRUCTURE
                fact: Member
                where: {age: {atMost: 17}, sex: {equals: MALE}}
                points: 2
              - id: expenses-per-fact
                dimension: HEALTH
                fact: MedicalExpenseSettled
                window: P200D
                per: {field: outOfPocketFen, unit: 200000}
                decay: {halfLife: P30D}
                points: 2
                cap: 9
              - id: expenses-summed
                dimension: HEALTH
                fact: MedicalExpenseSettled
                window: P120D
                per: {field: outOfPocketFen, unit: 300000, summed: true}
                decay: linear
                points: 1
              - id: findings-latest
                dimension: LIVING_CONDITIONS
                fact: [VisitRecorded, TipReported]
                latest: true
                window: P60D
                cancelledBy: [DangerousHousingReported]
                decay: linear
                points: 7
              - id: jobs
                dimension: EMPLOYMENT
                fact: EmploymentEnded
                cancelledBy: [EmploymentStarted, PensionStarted, UnemploymentRegistered]
                window: P90D
                decay: {halfLife: P20D}
                points: 9
              - id: arrears
                dimension: LIVING_CONDITIONS
                fact: UtilityArrearsReported
                latestBy: [utility]
                where: {monthsUnpaid: {atLeast: 2}}
                per: {field: monthsUnpaid, unit: 2}
                points: 3
              - id: grants-ended
                dimension: ECONOMIC_SITUATION
                fact: AssistanceEnded
                where: {programme: {in: [DIBAO, LOW_INCOME]}}
                window: P100D
                points: 6
            """);

    @Test
    void theDefaultModelScoresRandomHistoriesAsTheReferenceDoes() {
        agreesOnRandomHistories(ScoringModel.defaultModel().yaml(), 20261207L, 400);
    }

    @Test
    void aModelWithEarlyWarningsOverTheLineScoresRandomHistoriesAsTheReferenceDoes() {
        agreesOnRandomHistories(OVER_THE_LINE, 7L, 250);
    }

    @Test
    void aModelOfEveryFeatureScoresRandomHistoriesAsTheReferenceDoes() {
        agreesOnRandomHistories(FEATURES, 16L, 250);
    }

    private static void agreesOnRandomHistories(String yaml, long seed, int portraits) {
        ScoringModel model = ScoringModel.fromYaml(yaml);
        ReferenceEvaluator reference = new ReferenceEvaluator(ModelReader.read(yaml));
        Random random = new Random(seed);
        int warned = 0;
        int searched = 0;
        for (int p = 0; p < portraits; p++) {
            Portrait portrait = randomPortrait(random, p);
            for (int n = 0; n < 6; n++) {
                Instant now = START.plus(Duration.ofMinutes(random.nextInt(4 * 365 * 24 * 60)));
                String where = "portrait " + p + " (seed " + seed + ") at " + now;

                Assessment expected = reference.assess(portrait, now);
                assertThat(model.assess(portrait, now)).as(where).isEqualTo(expected);

                ReferenceEvaluator.Outcome before = reference.evaluate(portrait, now);
                Evaluator.Outcome after = model.evaluator().evaluate(portrait, now);
                assertThat(after.assessment()).as(where).isEqualTo(before.assessment());
                assertThat(after.candidates()).as(where).isEqualTo(before.candidates());
                Set<Instant> certain = new HashSet<>(before.certain());
                certain.retainAll(before.candidates());
                assertThat(after.certain()).as(where).isEqualTo(certain);
                if (expected.warned()) {
                    warned++;
                }
                if (!before.candidates().isEmpty()
                        && !certain.contains(before.candidates().first())) {
                    searched++;
                }
            }
        }
        // the histories reach what they are meant to compare: warnings, and next changes that need the search
        assertThat(warned).as("warned assessments").isPositive();
        assertThat(searched).as("assessments whose next change is searched").isPositive();
    }

    /** A registered family, then up to 60 random events: facts of every type, members joining and leaving. */
    private static Portrait randomPortrait(Random random, int p) {
        List<String> persons = new ArrayList<>(List.of(Events.FATHER, Events.MOTHER, Events.GRANDMA, Events.SON));
        List<HouseholdEvent> events = new ArrayList<>();
        events.add(Events.aboutHousehold().at(START).id("p" + p + "-reg").fact(Events.registered(Events.family())));
        int count = 1 + random.nextInt(60);
        for (int f = 0; f < count; f++) {
            Instant at = START.plus(Duration.ofMinutes(random.nextInt(3 * 365 * 24 * 60)));
            String id = "p" + p + "-f" + f;
            int pick = random.nextInt(30);
            if (pick == 0) {
                String joining = "p-new-" + p + "-" + f;
                persons.add(joining);
                LocalDate born =
                        LocalDate.of(1930 + random.nextInt(95), 1 + random.nextInt(12), 1 + random.nextInt(28));
                events.add(Events.aboutHousehold()
                        .at(at)
                        .id(id)
                        .fact(Events.joined(Events.member(
                                joining,
                                RelationToHead.OTHER,
                                born.toString(),
                                random.nextBoolean() ? Sex.MALE : Sex.FEMALE))));
            } else if (pick == 1) {
                events.add(Events.aboutHousehold().at(at).id(id).fact(Events.left(pick(random, persons))));
            } else {
                FactMaker maker = MAKERS.get(random.nextInt(MAKERS.size()));
                Events.Envelope envelope = maker.aboutPerson() && random.nextInt(4) > 0
                        ? Events.aboutPerson(pick(random, persons))
                        : Events.aboutHousehold();
                events.add(envelope.by(Department.CIVIL_AFFAIRS)
                        .at(at)
                        .id(id)
                        .fact(maker.fact().apply(random)));
            }
        }
        Portrait portrait = Portraits.empty(Events.HOUSEHOLD);
        for (HouseholdEvent event : events) {
            portrait = Portraits.apply(portrait, event);
        }
        return portrait;
    }

    private record FactMaker(boolean aboutPerson, Function<Random, Object> fact) {}

    private static final List<FactMaker> MAKERS = List.of(
            new FactMaker(false, r -> Events.economicCheck(40_000 + r.nextInt(200_000), r.nextInt(5) == 0)),
            new FactMaker(
                    true,
                    r -> r.nextBoolean()
                            ? Events.granted(pick(r, Programme.values()), 100_000, day(r))
                            : Events.grantedUntil(pick(r, Programme.values()), 100_000, "2024-06-01", day(r))),
            new FactMaker(
                    true,
                    r -> Events.ended(pick(r, Programme.values()), day(r), pick(r, AssistanceEndReason.values()))),
            new FactMaker(true, r -> Events.rejected(pick(r, Programme.values()), pick(r, RejectionReason.values()))),
            new FactMaker(true, r -> Events.admitted(r.nextBoolean())),
            new FactMaker(true, r -> Events.discharged(1 + r.nextInt(60))),
            new FactMaker(true, r -> Events.expense(2_000_000, r.nextInt(1_500_000))),
            new FactMaker(true, r -> Events.illness(pick(r, IllnessCategory.values()))),
            new FactMaker(true, r -> Events.insuranceLapsed()),
            new FactMaker(true, r -> Events.disability(1 + r.nextInt(4), DisabilityType.PHYSICAL)),
            new FactMaker(true, r -> Events.jobEnded()),
            new FactMaker(true, r -> Events.unemployed(r.nextBoolean())),
            new FactMaker(true, r -> Events.jobStarted(300_000)),
            new FactMaker(true, r -> Events.pension(150_000)),
            new FactMaker(true, r -> Events.contributionsStopped(pick(r, SocialInsuranceKind.values()))),
            new FactMaker(true, r -> Events.released(day(r))),
            new FactMaker(true, r -> Events.aidRequested(EducationLevel.PRIMARY)),
            new FactMaker(true, r -> Events.aidGranted(EducationLevel.PRIMARY, 100_000)),
            new FactMaker(true, r -> Events.dropOutRisk(pick(r, DropOutRiskKind.values()), r.nextInt(30))),
            new FactMaker(false, r -> Events.dangerousHousing(pick(r, HousingSafetyGrade.values()))),
            new FactMaker(false, r -> Events.rentArrears(r.nextInt(8), 60_000)),
            new FactMaker(false, r -> Events.disaster(pick(r, DisasterSeverity.values()), 500_000)),
            new FactMaker(false, r -> Events.utilityArrears(pick(r, UtilityType.values()), r.nextInt(6))),
            new FactMaker(true, r -> Events.visit(pick(r, Urgency.values()), "照护")),
            new FactMaker(true, r -> Events.tip(pick(r, Urgency.values()), "送医")));

    private static String day(Random random) {
        return LocalDate.of(2024, 1, 1).plusDays(random.nextInt(4 * 365)).toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
