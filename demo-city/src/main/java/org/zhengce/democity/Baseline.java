package org.zhengce.democity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.Department;
import org.zhengce.events.DisabilityCertified;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.EducationLevel;
import org.zhengce.events.IllnessCertified;
import org.zhengce.events.InsuranceScheme;
import org.zhengce.events.PensionStarted;
import org.zhengce.events.Programme;
import org.zhengce.events.Sex;
import org.zhengce.events.StudentEnrolled;
import org.zhengce.events.UnemploymentRegistered;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.ResidentIdentity;

/**
 * What the departments already hold about a household when the platform starts: civil affairs' register first, then
 * each department's standing records (certified illnesses and disabilities, schooling, pensions, unemployment, the
 * programmes and their last economic check). Ids are {@code <dept>-<label>-<household number>-<record>}, so a record
 * has the same id (and, for the same {@code asOf}, the same content) however the city is walked.
 */
final class Baseline {

    private Baseline() {}

    static DepartmentEvent registration(long seed, Household household, String label, Instant asOf) {
        Random random = random(seed, household, 1);
        Instant registeredAt =
                asOf.minus(Duration.ofDays(30 + random.nextInt(3000))).minus(Duration.ofMinutes(random.nextInt(600)));
        List<Member> members = household.members().stream()
                .map(r -> new Member(new ResidentIdentity(r.identityNumber()), r.relation(), r.birthDate(), r.sex()))
                .toList();
        HouseholdRegistered fact = HouseholdRegistered.newBuilder()
                .setCommunityCode(household.community().code())
                .setAddress(household.address())
                .setHeadName(household.headName())
                .setPhone(household.phone())
                .setMembers(members)
                .build();
        return Events.about(
                household,
                null,
                Department.CIVIL_AFFAIRS,
                Events.id(Department.CIVIL_AFFAIRS, label, household.number() + "-REG"),
                registeredAt,
                asOf,
                true,
                fact);
    }

    static List<DepartmentEvent> records(long seed, Household household, String label, Instant asOf) {
        Random random = random(seed, household, 2);
        LocalDate today = Events.day(asOf);
        List<DepartmentEvent> events = new ArrayList<>();
        List<Resident> members = household.members();
        for (int m = 0; m < members.size(); m++) {
            Resident r = members.get(m);
            String ref = household.number() + "-" + (m + 1);
            if (r.illness() != null) {
                events.add(Events.about(
                        household,
                        r,
                        Department.HEALTH,
                        Events.id(Department.HEALTH, label, ref + "-ILL"),
                        daysBefore(asOf, livedDays(r, today, 60 + random.nextInt(2000)), random),
                        asOf,
                        random.nextBoolean(),
                        new IllnessCertified(r.illness())));
            }
            if (r.disabilityCertified()) {
                events.add(Events.about(
                        household,
                        r,
                        Department.DISABLED_PERSONS_FEDERATION,
                        Events.id(Department.DISABLED_PERSONS_FEDERATION, label, ref + "-DIS"),
                        daysBefore(asOf, livedDays(r, today, 90 + random.nextInt(3000)), random),
                        asOf,
                        random.nextBoolean(),
                        new DisabilityCertified(r.disabilityGrade(), r.disabilityType())));
            }
            if (r.activity() == Activity.STUDENT) {
                EducationLevel level = Events.levelAt(r.ageOn(today));
                LocalDate termStart =
                        LocalDate.of(today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1, 9, 1);
                events.add(Events.about(
                        household,
                        r,
                        Department.EDUCATION,
                        Events.id(Department.EDUCATION, label, ref + "-ENR"),
                        min(Events.at(termStart, 8, 0), asOf.minus(Duration.ofHours(1))),
                        asOf,
                        false,
                        new StudentEnrolled(level, Events.school(level, random.nextInt(3)))));
            }
            if (r.activity() == Activity.RETIRED) {
                LocalDate retired = r.birthDate().plusYears(r.sex() == Sex.MALE ? 60 : 55);
                boolean employee = random.nextInt(100) < 82;
                // Beijing: enterprise retirees about 4,500 yuan a month; the urban-rural resident pension about 1,000
                long amount = employee ? 350_000 + random.nextInt(250_000) : 90_000 + random.nextInt(40_000);
                events.add(Events.about(
                        household,
                        r,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        Events.id(Department.HUMAN_RESOURCES_SOCIAL_SECURITY, label, ref + "-PEN"),
                        min(Events.at(retired, 9, 0), asOf.minus(Duration.ofDays(1))),
                        asOf,
                        false,
                        new PensionStarted(
                                employee ? InsuranceScheme.EMPLOYEE : InsuranceScheme.URBAN_RURAL_RESIDENT, amount)));
            }
            if (r.activity() == Activity.UNEMPLOYED) {
                events.add(Events.about(
                        household,
                        r,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        Events.id(Department.HUMAN_RESOURCES_SOCIAL_SECURITY, label, ref + "-UNR"),
                        daysBefore(asOf, 10 + random.nextInt(300), random),
                        asOf,
                        false,
                        new UnemploymentRegistered(random.nextInt(100) < 45)));
            }
        }
        Programme programme = household.standing().programme();
        if (programme != null) {
            Instant checked = daysBefore(asOf, 30 + random.nextInt(270), random);
            events.add(Events.about(
                    household,
                    null,
                    Department.CIVIL_AFFAIRS,
                    Events.id(Department.CIVIL_AFFAIRS, label, household.number() + "-CHK"),
                    checked,
                    asOf,
                    true,
                    new EconomicCheckDone(household.monthlyIncomePerHeadFen(), false, "年度复核")));
            LocalDate start = Events.day(checked).plusDays(15);
            events.add(Events.about(
                    household,
                    null,
                    Department.CIVIL_AFFAIRS,
                    Events.id(Department.CIVIL_AFFAIRS, label, household.number() + "-GRT"),
                    Events.at(start, 9, 0),
                    asOf,
                    true,
                    new AssistanceGranted(
                            programme,
                            monthlyAmount(household),
                            null,
                            start,
                            start.plusYears(1).minusDays(1),
                            reason(household.standing()))));
        }
        return events;
    }

    /**
     * Dibao pays the gap between the line and the income, for every member (at least 100 yuan); extreme-poverty
     * support pays 1.3 times the dibao line per person (Beijing sets its basic support standard above the dibao line);
     * a low-income household gets no monthly cash but the special programmes (medical, education, housing aid).
     */
    static long monthlyAmount(Household household) {
        int size = household.members().size();
        return switch (household.standing()) {
            case DIBAO ->
                Math.max(10_000, (Population.DIBAO_LINE_FEN - household.monthlyIncomePerHeadFen()) * size / 100 * 100);
            case EXTREME_POVERTY -> Population.DIBAO_LINE_FEN * 13 / 10 * size;
            default -> 0;
        };
    }

    private static String reason(Standing standing) {
        return switch (standing) {
            case DIBAO -> "家庭月人均收入低于本市最低生活保障标准";
            case EXTREME_POVERTY -> "无劳动能力、无生活来源、无法定赡养扶养义务人";
            default -> "家庭月人均收入低于本市低收入标准，享受专项救助";
        };
    }

    static Instant daysBefore(Instant asOf, int days, Random random) {
        Instant at = asOf.minus(Duration.ofDays(days)).minus(Duration.ofMinutes(random.nextInt(600)));
        return at.isAfter(asOf) ? asOf : at;
    }

    /** {@code days}, or fewer for someone younger than that: nobody is certified before birth. */
    static int livedDays(Resident r, LocalDate today, int days) {
        long lived = today.toEpochDay() - r.birthDate().toEpochDay();
        return (int) Math.max(1, Math.min(days, lived - 1));
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Random random(long seed, Household household, int salt) {
        return new Random(seed * 31 + household.index() * 0x2545F4914F6CDD1DL + salt);
    }
}
