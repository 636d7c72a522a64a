package org.zhengce.democity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.AssistanceEndReason;
import org.zhengce.events.AssistanceEnded;
import org.zhengce.events.CareSetting;
import org.zhengce.events.Department;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.EmploymentEndReason;
import org.zhengce.events.EmploymentEnded;
import org.zhengce.events.EmploymentStarted;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.Sex;
import org.zhengce.events.UnemploymentRegistered;
import org.zhengce.events.Urgency;
import org.zhengce.events.UtilityArrearsReported;
import org.zhengce.events.UtilityType;
import org.zhengce.events.VisitRecorded;
import org.zhengce.events.WarningCategory;
import org.zhengce.intake.DepartmentEvent;

/**
 * The four scripted stories, with hand-made households (numbers 110105900001 to 4, identity sequences 900 and up,
 * which the generated residents never use). The points in the comments are wuchang-2026.1's.
 */
final class Stories {

    private Stories() {}

    static List<Story> all(long seed, int firstIndex, String label, Instant at) {
        return List.of(
                hospitalBillOnDibao(seed, firstIndex, label, at),
                jobLostWithDependants(seed, firstIndex + 1, label, at),
                widowFoundOnAVisit(seed, firstIndex + 2, label, at),
                leftDibaoForAJob(seed, firstIndex + 3, label, at));
    }

    /**
     * 刘 family (永安里): on dibao; the head has a certified chronic illness, one child of 13. Standing: age 4 + economic
     * 18 + health 6 = 28, below the line. Then an emergency admission, two weeks in hospital and 21,400 yuan out of
     * pocket: health 6 + 4 + 8 + 15 (capped 30), total about 52: assistance insufficient (救助不充分), yellow.
     */
    private static Story hospitalBillOnDibao(long seed, int index, String label, Instant at) {
        Household h = household(
                index,
                0,
                "刘建国",
                Standing.DIBAO,
                60_000,
                List.of(
                        resident(
                                "刘建国",
                                RelationToHead.HEAD,
                                LocalDate.of(1968, 3, 15),
                                Sex.MALE,
                                901,
                                Activity.NOT_WORKING,
                                IllnessCategory.CHRONIC,
                                0),
                        resident(
                                "王秀英",
                                RelationToHead.SPOUSE,
                                LocalDate.of(1972, 7, 2),
                                Sex.FEMALE,
                                902,
                                Activity.NOT_WORKING,
                                null,
                                0),
                        resident(
                                "刘子轩",
                                RelationToHead.CHILD,
                                LocalDate.of(2013, 5, 20),
                                Sex.MALE,
                                903,
                                Activity.STUDENT,
                                null,
                                0)));
        Resident head = h.head();
        String hospital = "北京朝阳医院";
        List<DepartmentEvent> trigger = List.of(
                story(
                        h,
                        head,
                        Department.HEALTH,
                        label,
                        "1",
                        at.minus(Duration.ofDays(16)),
                        at,
                        new HospitalAdmitted(hospital, true)),
                story(
                        h,
                        head,
                        Department.HEALTH,
                        label,
                        "2",
                        at.minus(Duration.ofDays(2)),
                        at,
                        new HospitalDischarged(hospital, 14)),
                story(
                        h,
                        head,
                        Department.MEDICAL_INSURANCE,
                        label,
                        "3",
                        at.minus(Duration.ofHours(20)),
                        at,
                        new MedicalExpenseSettled(CareSetting.INPATIENT, 6_850_000L, 2_140_000L)));
        return new Story(
                "dibao household, head in hospital two weeks, 21,400 yuan out of pocket",
                WarningCategory.ASSISTANCE_INSUFFICIENT,
                h,
                baseline(seed, h, label, at),
                trigger);
    }

    /**
     * 陈 family (吉祥里): outside any programme; the head works, his wife cares for two children (8 and 4) and his mother
     * (73). Age 4 + 4 + 4 = 12. The head's employer closes and he registers unemployed without benefit: employment 8 +
     * 6, total 26, below the line, but a job lost with dependants: early warning (救助预警).
     */
    private static Story jobLostWithDependants(long seed, int index, String label, Instant at) {
        Household h = household(
                index,
                3,
                "陈志强",
                Standing.ORDINARY,
                230_000,
                List.of(
                        resident(
                                "陈志强",
                                RelationToHead.HEAD,
                                LocalDate.of(1986, 4, 10),
                                Sex.MALE,
                                905,
                                Activity.EMPLOYED,
                                null,
                                0),
                        resident(
                                "李娟",
                                RelationToHead.SPOUSE,
                                LocalDate.of(1988, 9, 23),
                                Sex.FEMALE,
                                906,
                                Activity.NOT_WORKING,
                                null,
                                0),
                        resident(
                                "陈梓涵",
                                RelationToHead.CHILD,
                                LocalDate.of(2018, 2, 14),
                                Sex.FEMALE,
                                908,
                                Activity.STUDENT,
                                null,
                                0),
                        resident(
                                "陈浩然",
                                RelationToHead.CHILD,
                                LocalDate.of(2022, 6, 30),
                                Sex.MALE,
                                907,
                                Activity.STUDENT,
                                null,
                                0),
                        resident(
                                "赵桂兰",
                                RelationToHead.PARENT,
                                LocalDate.of(1953, 11, 5),
                                Sex.FEMALE,
                                910,
                                Activity.RETIRED,
                                null,
                                0)));
        Resident head = h.head();
        List<DepartmentEvent> trigger = List.of(
                story(
                        h,
                        head,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        label,
                        "1",
                        at.minus(Duration.ofDays(3)),
                        at,
                        new EmploymentEnded(EmploymentEndReason.BUSINESS_CLOSED)),
                story(
                        h,
                        head,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        label,
                        "2",
                        at.minus(Duration.ofHours(5)),
                        at,
                        new UnemploymentRegistered(false)));
        return new Story(
                "head's employer closed, two children and his mother to support, no programme",
                WarningCategory.EARLY_WARNING,
                h,
                baseline(seed, h, label, at),
                trigger);
    }

    /**
     * 孙 (光华里): 84, alone, grade 2 physical disability and a chronic illness, poorer than the dibao line but never
     * applied. Age 8 + disability 12 + health 6 = 26. An advisor's visit finds she cannot heat her flat (solve now, 10)
     * and the heating company reports four months unpaid (4): 40, assistance missing (救助缺失), blue.
     */
    private static Story widowFoundOnAVisit(long seed, int index, String label, Instant at) {
        Household h = household(
                index,
                2,
                "孙淑珍",
                Standing.HIDDEN_POOR,
                70_000,
                List.of(resident(
                        "孙淑珍",
                        RelationToHead.HEAD,
                        LocalDate.of(1942, 8, 19),
                        Sex.FEMALE,
                        912,
                        Activity.NOT_WORKING,
                        IllnessCategory.CHRONIC,
                        2)));
        List<DepartmentEvent> trigger = List.of(
                story(
                        h,
                        null,
                        Department.UTILITIES,
                        label,
                        "1",
                        at.minus(Duration.ofDays(1)),
                        at,
                        new UtilityArrearsReported(UtilityType.HEATING, 4, 4 * 32_000L)),
                story(
                        h,
                        null,
                        Department.COMMUNITY,
                        label,
                        "2",
                        at.minus(Duration.ofHours(3)),
                        at,
                        new VisitRecorded(
                                ReporterRole.ADVISOR,
                                "advisor-li-na",
                                List.of("care.elderly-visit", "daily.meal-delivery"),
                                Urgency.SOLVE_NOW,
                                "老人独居，行动不便，冬季取暖困难，未申请过救助")));
        return new Story(
                "widow of 84 living alone, disabled, found on a visit unable to heat her flat",
                WarningCategory.ASSISTANCE_MISSING,
                h,
                baseline(seed, h, label, at),
                trigger);
    }

    /**
     * 周 family (芳草地): on dibao (economic 18, age 4 for a child of 15: 22, not warned). The head finds a job, the
     * check finds income above the low-income line and dibao ends: left-programme 5, total 9, but just left a
     * programme: early warning, to be re-screened every quarter.
     */
    private static Story leftDibaoForAJob(long seed, int index, String label, Instant at) {
        Household h = household(
                index,
                4,
                "周海波",
                Standing.DIBAO,
                95_000,
                List.of(
                        resident(
                                "周海波",
                                RelationToHead.HEAD,
                                LocalDate.of(1979, 1, 12),
                                Sex.MALE,
                                915,
                                Activity.UNEMPLOYED,
                                null,
                                0),
                        resident(
                                "吴丽",
                                RelationToHead.SPOUSE,
                                LocalDate.of(1981, 10, 3),
                                Sex.FEMALE,
                                914,
                                Activity.NOT_WORKING,
                                null,
                                0),
                        resident(
                                "周一鸣",
                                RelationToHead.CHILD,
                                LocalDate.of(2011, 4, 8),
                                Sex.MALE,
                                917,
                                Activity.STUDENT,
                                null,
                                0)));
        Resident head = h.head();
        List<DepartmentEvent> trigger = List.of(
                story(
                        h,
                        head,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        label,
                        "1",
                        at.minus(Duration.ofDays(20)),
                        at,
                        new EmploymentStarted(520_000L)),
                story(
                        h,
                        null,
                        Department.CIVIL_AFFAIRS,
                        label,
                        "2",
                        at.minus(Duration.ofDays(5)),
                        at,
                        new EconomicCheckDone(180_000L, false, "复核：家庭人均收入超过低收入标准")),
                story(
                        h,
                        null,
                        Department.CIVIL_AFFAIRS,
                        label,
                        "3",
                        at.minus(Duration.ofHours(2)),
                        at,
                        new AssistanceEnded(
                                org.zhengce.events.Programme.DIBAO,
                                Events.day(at),
                                AssistanceEndReason.INCOME_ABOVE_LINE,
                                "就业后收入超过标准，退出低保")));
        return new Story(
                "dibao ended after the head found a job: just left a programme",
                WarningCategory.EARLY_WARNING,
                h,
                baseline(seed, h, label, at),
                trigger);
    }

    private static List<DepartmentEvent> baseline(long seed, Household h, String label, Instant at) {
        List<DepartmentEvent> events = new ArrayList<>();
        events.add(Baseline.registration(seed, h, label, at));
        events.addAll(Baseline.records(seed, h, label, at));
        return events;
    }

    private static Household household(
            int index, int community, String headName, Standing standing, long income, List<Resident> members) {
        Community c = Community.DEMO.get(community);
        return new Household(
                index,
                "11010590000" + (1 + storyNumber(headName)),
                c,
                "北京市朝阳区" + c.street() + c.name().replace("社区", "") + "3号楼2单元" + (401 + storyNumber(headName)) + "室",
                headName,
                "1381000" + (1000 + storyNumber(headName)),
                members,
                income,
                false,
                standing);
    }

    private static int storyNumber(String headName) {
        return switch (headName) {
            case "刘建国" -> 0;
            case "陈志强" -> 1;
            case "孙淑珍" -> 2;
            default -> 3;
        };
    }

    private static Resident resident(
            String name,
            RelationToHead relation,
            LocalDate birth,
            Sex sex,
            int sequence,
            Activity activity,
            @Nullable IllnessCategory illness,
            int disabilityGrade) {
        if ((sequence % 2 == 1) != (sex == Sex.MALE)) {
            throw new IllegalArgumentException("the sequence's parity is the sex: " + sequence + " for " + sex);
        }
        return new Resident(
                IdentityNumbers.of(birth, sequence),
                name,
                relation,
                birth,
                sex,
                activity,
                illness,
                disabilityGrade,
                disabilityGrade > 0 ? DisabilityType.PHYSICAL : null,
                disabilityGrade > 0);
    }

    private static DepartmentEvent story(
            Household h,
            @Nullable Resident person,
            Department department,
            String label,
            String step,
            Instant occurred,
            Instant reported,
            Object fact) {
        return Events.about(
                h,
                person,
                department,
                Events.id(department, label, h.number() + "-S" + step),
                occurred,
                reported,
                true,
                fact);
    }
}
