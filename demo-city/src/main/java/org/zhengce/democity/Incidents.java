package org.zhengce.democity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.AssistanceApplicationRejected;
import org.zhengce.events.AssistanceEndReason;
import org.zhengce.events.AssistanceEnded;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CareSetting;
import org.zhengce.events.ContributionsStopped;
import org.zhengce.events.DangerousHousingReported;
import org.zhengce.events.Department;
import org.zhengce.events.DisabilityCertified;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.DisasterAffected;
import org.zhengce.events.DisasterSeverity;
import org.zhengce.events.DisasterType;
import org.zhengce.events.DropOutRiskKind;
import org.zhengce.events.DropOutRiskReported;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.EducationLevel;
import org.zhengce.events.EmploymentEndReason;
import org.zhengce.events.EmploymentEnded;
import org.zhengce.events.EmploymentStarted;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.events.HousingSafetyGrade;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.IllnessCertified;
import org.zhengce.events.InsuranceLapsed;
import org.zhengce.events.InsuranceScheme;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.Programme;
import org.zhengce.events.RejectionReason;
import org.zhengce.events.ReleaseKind;
import org.zhengce.events.ReleasedFromCustody;
import org.zhengce.events.RentArrearsReported;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.SchoolAidGranted;
import org.zhengce.events.SchoolAidRequested;
import org.zhengce.events.SocialInsuranceKind;
import org.zhengce.events.TipReported;
import org.zhengce.events.UnemploymentRegistered;
import org.zhengce.events.Urgency;
import org.zhengce.events.UtilityArrearsReported;
import org.zhengce.events.UtilityType;
import org.zhengce.events.VisitRecorded;
import org.zhengce.intake.DepartmentEvent;

/**
 * What happens in the city from day to day: one incident after another (a clinic bill, a hospital stay, a job lost,
 * an application, arrears, a visit...), each one to three department events about one household, the facts fitting
 * the household (a job is lost by someone employed, a school aid asked for a student, arrears mostly where money is
 * short). Deterministic: the same city, seed and label give the same incidents in the same order, whatever times they
 * are given. Not thread-safe; holds nothing but its random generator and a counter, so any number of incidents take
 * constant memory.
 */
public final class Incidents {

    /** Each kind of incident and how often it happens, per thousand incidents. */
    enum Kind {
        CLINIC_BILL(230),
        HOSPITAL_STAY(100),
        JOB_LOST(60),
        JOB_FOUND(40),
        APPLICATION(35),
        LEFT_PROGRAMME(8),
        TEMPORARY_ASSISTANCE(15),
        STUDENT_ENROLLED(45),
        SCHOOL_AID(25),
        DROP_OUT_RISK(8),
        ILLNESS_CERTIFIED(35),
        DISABILITY_CERTIFIED(20),
        INSURANCE_LAPSED(15),
        CONTRIBUTIONS_STOPPED(20),
        UTILITY_ARREARS(60),
        RENT_ARREARS(20),
        DANGEROUS_HOUSING(10),
        DISASTER(10),
        RELEASED(4),
        VISIT(70),
        TIP(15),
        PENSION(25),
        UNEMPLOYMENT_REGISTERED(30);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final int[] WEIGHTS =
            java.util.Arrays.stream(KINDS).mapToInt(k -> k.weight).toArray();
    private static final String[] HOSPITALS = {"北京朝阳医院", "中日友好医院", "北京市垂杨柳医院", "首都医科大学附属北京安贞医院", "朝阳区双桥医院", "北京协和医院"};
    private static final String[][] VISIT_NEEDS = {
        {"care.elderly-visit", "daily.meal-delivery"},
        {"medical.escort", "medical.family-doctor"},
        {"employment.job-matching", "employment.skills-training"},
        {"housing.repair"},
        {"education.tutoring", "education.aid-application"},
        {"psychological.counselling"},
        {"daily.material-aid"}
    };
    private static final String[] VISIT_NOTES = {
        "老人独居，行动不便，需要助餐服务",
        "家中有重病患者，医疗支出较大",
        "主要劳动力失业，收入明显下降",
        "房屋漏雨，需要维修",
        "孩子学习跟不上，家长无力辅导",
        "家庭矛盾较多，情绪低落",
        "冬季取暖困难，需要物资帮扶"
    };

    private final DemoCity city;
    private final Random random;
    private final String label;
    private long sequence;

    Incidents(DemoCity city, long seed, String label) {
        this.city = city;
        this.random = new Random(seed ^ 0x5DEECE66DL * 7919);
        this.label = Events.checkLabel(label);
    }

    /**
     * The events of the next incident: it happened shortly before {@code reportedAt} (minutes to two days, a hospital
     * stay longer), and every event is reported at {@code reportedAt}.
     */
    public List<DepartmentEvent> next(Instant reportedAt) {
        sequence++;
        idSuffix = 0;
        Kind kind = KINDS[Population.weighted(random, WEIGHTS)];
        Household household = pick(kind);
        Instant happened = reportedAt.minus(Duration.ofMinutes(5 + random.nextInt(60 * 47)));
        List<DepartmentEvent> events = new ArrayList<>(3);
        if (!incident(kind, household, happened, reportedAt, events)) {
            clinicBill(household, anyone(household), happened, reportedAt, events);
        }
        return events;
    }

    /** Incidents so far. */
    public long count() {
        return sequence;
    }

    /** Hardship incidents land mostly where money or health is short: of four households drawn, the first such. */
    private Household pick(Kind kind) {
        boolean hardship = switch (kind) {
            case UTILITY_ARREARS,
                    RENT_ARREARS,
                    DANGEROUS_HOUSING,
                    VISIT,
                    TIP,
                    APPLICATION,
                    TEMPORARY_ASSISTANCE,
                    DROP_OUT_RISK,
                    SCHOOL_AID,
                    INSURANCE_LAPSED,
                    LEFT_PROGRAMME -> true;
            default -> false;
        };
        Household household = city.household(random.nextInt(city.size()));
        for (int draw = 1; hardship && draw < 4 && household.standing() == Standing.ORDINARY; draw++) {
            household = city.household(random.nextInt(city.size()));
        }
        return household;
    }

    private boolean incident(Kind kind, Household h, Instant at, Instant reported, List<DepartmentEvent> out) {
        LocalDate today = Events.day(reported);
        switch (kind) {
            case CLINIC_BILL -> {
                return false;
            }
            case HOSPITAL_STAY -> {
                Resident patient = member(h, r -> r.ageOn(today) >= 55 || r.illness() != null, true);
                int stay = 1 + (int) Math.min(89, Math.round(Math.exp(2.0 + 0.7 * random.nextGaussian())));
                Instant discharged = at.minus(Duration.ofHours(2 + random.nextInt(20)));
                Instant admitted = discharged.minus(Duration.ofDays(stay)).minus(Duration.ofHours(random.nextInt(12)));
                String hospital = HOSPITALS[random.nextInt(HOSPITALS.length)];
                out.add(event(
                        h,
                        patient,
                        Department.HEALTH,
                        admitted,
                        reported,
                        new HospitalAdmitted(hospital, random.nextInt(100) < 35)));
                out.add(event(
                        h, patient, Department.HEALTH, discharged, reported, new HospitalDischarged(hospital, stay)));
                // NHC statistical bulletin: an inpatient stay costs about 10,000 yuan on average; the insured pay 20-45
                // %
                long total = Math.round(8_000 * Math.exp(0.8 * random.nextGaussian()) * (1 + stay / 10.0)) * 100;
                long outOfPocket = total * (15 + random.nextInt(31)) / 100;
                out.add(event(
                        h,
                        patient,
                        Department.MEDICAL_INSURANCE,
                        at,
                        reported,
                        new MedicalExpenseSettled(CareSetting.INPATIENT, total, outOfPocket)));
                return true;
            }
            case JOB_LOST -> {
                Resident worker = member(h, r -> r.activity() == Activity.EMPLOYED, false);
                if (worker == null) {
                    return false;
                }
                EmploymentEndReason reason = pick(
                        EmploymentEndReason.CONTRACT_ENDED,
                        EmploymentEndReason.DISMISSED,
                        EmploymentEndReason.BUSINESS_CLOSED,
                        EmploymentEndReason.RESIGNED,
                        EmploymentEndReason.ILLNESS);
                out.add(event(
                        h,
                        worker,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        at.minus(Duration.ofDays(random.nextInt(20))),
                        reported,
                        new EmploymentEnded(reason)));
                if (random.nextInt(100) < 60) {
                    out.add(event(
                            h,
                            worker,
                            Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            at,
                            reported,
                            new UnemploymentRegistered(random.nextInt(100) < 45)));
                }
                return true;
            }
            case JOB_FOUND -> {
                Resident worker = member(
                        h, r -> r.activity() == Activity.UNEMPLOYED || r.activity() == Activity.NOT_WORKING, false);
                if (worker == null || worker.ageOn(today) < 18) {
                    return false;
                }
                out.add(event(
                        h,
                        worker,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        at,
                        reported,
                        new EmploymentStarted(250_000L + random.nextInt(550_000))));
                return true;
            }
            case UNEMPLOYMENT_REGISTERED -> {
                // re-registration and monthly confirmation of the unemployed (the most frequent HRSS record)
                Resident worker = member(h, r -> r.activity() == Activity.UNEMPLOYED, false);
                if (worker == null) {
                    return false;
                }
                out.add(event(
                        h,
                        worker,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        at,
                        reported,
                        new UnemploymentRegistered(random.nextInt(100) < 45)));
                return true;
            }
            case APPLICATION -> {
                if (h.standing() == Standing.ORDINARY) {
                    return false;
                }
                long income = h.monthlyIncomePerHeadFen();
                Instant checked = at.minus(Duration.ofDays(3 + random.nextInt(20)));
                out.add(event(
                        h,
                        null,
                        Department.CIVIL_AFFAIRS,
                        checked,
                        reported,
                        new EconomicCheckDone(
                                income, false, h.standing().programme() == null ? "申请低保，收入核对完成" : "年度复核")));
                Programme programme = income < Population.DIBAO_LINE_FEN ? Programme.DIBAO : Programme.LOW_INCOME;
                if (h.standing().programme() == null && random.nextInt(100) < 30) {
                    out.add(event(
                            h,
                            null,
                            Department.CIVIL_AFFAIRS,
                            at,
                            reported,
                            new AssistanceApplicationRejected(
                                    programme,
                                    pick(
                                            RejectionReason.DOCUMENTS_MISSING,
                                            RejectionReason.INCOME_ABOVE_LINE,
                                            RejectionReason.NOT_RESIDENT),
                                    "材料不全或收入核对未通过")));
                } else if (h.standing().programme() == null) {
                    LocalDate start = Events.day(at);
                    long monthly = programme == Programme.DIBAO
                            ? Math.max(
                                    10_000,
                                    (Population.DIBAO_LINE_FEN - income)
                                            * h.members().size()
                                            / 100
                                            * 100)
                            : 0;
                    out.add(event(
                            h,
                            null,
                            Department.CIVIL_AFFAIRS,
                            at,
                            reported,
                            new AssistanceGranted(
                                    programme,
                                    monthly,
                                    null,
                                    start,
                                    start.plusYears(1).minusDays(1),
                                    "经核对符合条件")));
                }
                return true;
            }
            case LEFT_PROGRAMME -> {
                if (h.standing().programme() == null) {
                    return false;
                }
                out.add(event(
                        h,
                        null,
                        Department.CIVIL_AFFAIRS,
                        at,
                        reported,
                        new AssistanceEnded(
                                h.standing().programme(),
                                Events.day(at),
                                pick(
                                        AssistanceEndReason.INCOME_ABOVE_LINE,
                                        AssistanceEndReason.PERIOD_EXPIRED,
                                        AssistanceEndReason.WITHDRAWN),
                                "复核后退出")));
                return true;
            }
            case TEMPORARY_ASSISTANCE -> {
                LocalDate day = Events.day(at);
                out.add(event(
                        h,
                        null,
                        Department.CIVIL_AFFAIRS,
                        at,
                        reported,
                        // civil affairs decides temporary assistance; medical assistance is medical insurance's (医保局)
                        new AssistanceGranted(
                                Programme.TEMPORARY_ASSISTANCE,
                                null,
                                100_000L + random.nextInt(50) * 10_000L,
                                day,
                                day,
                                "急难型临时救助")));
                return true;
            }
            case STUDENT_ENROLLED -> {
                Resident student = member(h, r -> r.activity() == Activity.STUDENT, false);
                if (student == null) {
                    return false;
                }
                EducationLevel level = Events.levelAt(student.ageOn(today));
                out.add(event(
                        h,
                        student,
                        Department.EDUCATION,
                        at,
                        reported,
                        new org.zhengce.events.StudentEnrolled(level, Events.school(level, random.nextInt(3)))));
                return true;
            }
            case SCHOOL_AID -> {
                Resident student = member(h, r -> r.activity() == Activity.STUDENT && r.ageOn(today) >= 6, false);
                if (student == null) {
                    return false;
                }
                EducationLevel level = Events.levelAt(student.ageOn(today));
                out.add(event(
                        h,
                        student,
                        Department.EDUCATION,
                        at.minus(Duration.ofDays(5 + random.nextInt(20))),
                        reported,
                        new SchoolAidRequested(level, "家庭经济困难")));
                if (random.nextInt(100) < 60) {
                    out.add(event(
                            h,
                            student,
                            Department.EDUCATION,
                            at,
                            reported,
                            new SchoolAidGranted(level, 100_000L + random.nextInt(30) * 10_000L)));
                }
                return true;
            }
            case DROP_OUT_RISK -> {
                Resident student = member(
                        h, r -> r.activity() == Activity.STUDENT && r.ageOn(today) >= 10 && r.ageOn(today) < 18, false);
                if (student == null) {
                    return false;
                }
                out.add(event(
                        h,
                        student,
                        Department.EDUCATION,
                        at,
                        reported,
                        new DropOutRiskReported(
                                pick(
                                        DropOutRiskKind.POOR_ATTENDANCE,
                                        DropOutRiskKind.POOR_ATTENDANCE,
                                        DropOutRiskKind.AT_RISK,
                                        DropOutRiskKind.DROPPED_OUT),
                                5 + random.nextInt(40))));
                return true;
            }
            case ILLNESS_CERTIFIED -> {
                Resident patient = member(h, r -> r.ageOn(today) >= 40, true);
                out.add(event(
                        h,
                        patient,
                        Department.HEALTH,
                        at,
                        reported,
                        new IllnessCertified(
                                patient.illness() != null
                                        ? patient.illness()
                                        : pick(
                                                IllnessCategory.CHRONIC,
                                                IllnessCategory.CHRONIC,
                                                IllnessCategory.CHRONIC,
                                                IllnessCategory.SERIOUS))));
                return true;
            }
            case DISABILITY_CERTIFIED -> {
                Resident disabled = member(h, r -> r.disabled() && !r.disabilityCertified(), false);
                if (disabled == null) {
                    return false;
                }
                out.add(event(
                        h,
                        disabled,
                        Department.DISABLED_PERSONS_FEDERATION,
                        at,
                        reported,
                        new DisabilityCertified(
                                disabled.disabilityGrade(),
                                disabled.disabilityType() == null ? DisabilityType.OTHER : disabled.disabilityType())));
                return true;
            }
            case INSURANCE_LAPSED -> {
                Resident person = member(h, r -> r.activity() != Activity.RETIRED, true);
                out.add(event(
                        h,
                        person,
                        Department.MEDICAL_INSURANCE,
                        at,
                        reported,
                        new InsuranceLapsed(
                                random.nextBoolean()
                                        ? InsuranceScheme.URBAN_RURAL_RESIDENT
                                        : InsuranceScheme.EMPLOYEE)));
                return true;
            }
            case CONTRIBUTIONS_STOPPED -> {
                Resident worker = member(
                        h, r -> r.activity() == Activity.UNEMPLOYED || r.activity() == Activity.NOT_WORKING, false);
                if (worker == null || worker.ageOn(today) < 18) {
                    return false;
                }
                LocalDate lastMonth =
                        Events.day(at).minusMonths(1 + random.nextInt(3)).withDayOfMonth(1);
                out.add(event(
                        h,
                        worker,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        at,
                        reported,
                        new ContributionsStopped(
                                pick(
                                        SocialInsuranceKind.PENSION,
                                        SocialInsuranceKind.MEDICAL,
                                        SocialInsuranceKind.UNEMPLOYMENT),
                                lastMonth)));
                return true;
            }
            case UTILITY_ARREARS -> {
                int months = 2 + random.nextInt(6);
                out.add(event(
                        h,
                        null,
                        Department.UTILITIES,
                        at,
                        reported,
                        new UtilityArrearsReported(
                                pick(UtilityType.ELECTRICITY, UtilityType.WATER, UtilityType.GAS, UtilityType.HEATING),
                                months,
                                months * (5_000L + random.nextInt(20_000)))));
                return true;
            }
            case RENT_ARREARS -> {
                int months = 1 + random.nextInt(5);
                out.add(event(
                        h,
                        null,
                        Department.HOUSING,
                        at,
                        reported,
                        new RentArrearsReported(months, months * (150_000L + random.nextInt(200_000)))));
                return true;
            }
            case DANGEROUS_HOUSING -> {
                out.add(event(
                        h,
                        null,
                        Department.HOUSING,
                        at,
                        reported,
                        new DangerousHousingReported(
                                random.nextInt(100) < 80 ? HousingSafetyGrade.GRADE_C : HousingSafetyGrade.GRADE_D)));
                return true;
            }
            case DISASTER -> {
                DisasterSeverity severity = pick(
                        DisasterSeverity.MINOR,
                        DisasterSeverity.MINOR,
                        DisasterSeverity.MINOR,
                        DisasterSeverity.MODERATE,
                        DisasterSeverity.SEVERE);
                out.add(event(
                        h,
                        null,
                        Department.EMERGENCY_MANAGEMENT,
                        at,
                        reported,
                        new DisasterAffected(
                                pick(DisasterType.FLOOD, DisasterType.STORM, DisasterType.FIRE),
                                severity,
                                50_000L + random.nextInt(200) * 10_000L)));
                return true;
            }
            case RELEASED -> {
                Resident person = member(
                        h,
                        r -> r.ageOn(today) >= 20 && r.ageOn(today) < 60 && r.sex() == org.zhengce.events.Sex.MALE,
                        false);
                if (person == null) {
                    return false;
                }
                out.add(event(
                        h,
                        person,
                        Department.JUSTICE,
                        at,
                        reported,
                        new ReleasedFromCustody(
                                Events.day(at),
                                pick(
                                        ReleaseKind.PRISON,
                                        ReleaseKind.COMMUNITY_CORRECTION_ENDED,
                                        ReleaseKind.COMPULSORY_DRUG_REHABILITATION))));
                return true;
            }
            case VISIT, TIP -> {
                int need = random.nextInt(VISIT_NEEDS.length);
                Urgency urgency = h.standing() == Standing.ORDINARY
                        ? pick(Urgency.LONG_TERM, Urgency.LONG_TERM, Urgency.IN_STAGES)
                        : pick(Urgency.SOLVE_NOW, Urgency.IN_STAGES, Urgency.IN_STAGES, Urgency.LONG_TERM);
                List<String> needs = List.of(VISIT_NEEDS[need]);
                String reporter = "grid-" + h.community().code().substring(6) + "-"
                        + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12));
                Object fact = kind == Kind.VISIT
                        ? new VisitRecorded(
                                pick(ReporterRole.ADVISOR, ReporterRole.GRID_WORKER, ReporterRole.SOCIAL_WORKER),
                                reporter,
                                needs,
                                urgency,
                                VISIT_NOTES[need])
                        : new TipReported(
                                pick(ReporterRole.VOLUNTEER, ReporterRole.NEIGHBOUR, ReporterRole.GRID_WORKER),
                                null,
                                needs,
                                urgency,
                                VISIT_NOTES[need]);
                out.add(event(h, null, Department.COMMUNITY, at, reported, fact));
                return true;
            }
            case PENSION -> {
                Resident person = member(h, r -> r.activity() == Activity.RETIRED, false);
                if (person == null) {
                    return false;
                }
                // the yearly pension adjustment (养老金调整), reported as the new amount
                out.add(event(
                        h,
                        person,
                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        at,
                        reported,
                        new org.zhengce.events.PensionStarted(
                                InsuranceScheme.EMPLOYEE, 360_000L + random.nextInt(250_000))));
                return true;
            }
            default -> throw new IllegalStateException("no incident for " + kind);
        }
    }

    private void clinicBill(Household h, Resident patient, Instant at, Instant reported, List<DepartmentEvent> out) {
        boolean chronic = patient.illness() != null && random.nextInt(100) < 70;
        // outpatient visits: a few hundred yuan, sometimes more; the insured pay a third to a half
        long total = Math.round(300 * Math.exp(0.9 * random.nextGaussian())) * 100;
        long outOfPocket = total * (30 + random.nextInt(31)) / 100;
        out.add(event(
                h,
                patient,
                Department.MEDICAL_INSURANCE,
                at,
                reported,
                new MedicalExpenseSettled(
                        chronic ? CareSetting.OUTPATIENT_CHRONIC : CareSetting.OUTPATIENT, total, outOfPocket)));
    }

    private DepartmentEvent event(
            Household h, @Nullable Resident person, Department department, Instant at, Instant reported, Object fact) {
        String id = Events.id(
                department, label, String.format(Locale.ROOT, "%09d", sequence) + "-" + (char) ('a' + idSuffix++));
        Instant occurred = at.isAfter(reported) ? reported : at;
        return Events.about(h, person, department, id, occurred, reported, random.nextInt(10) < 7, fact);
    }

    private int idSuffix;

    private Resident anyone(Household h) {
        return h.members().get(random.nextInt(h.members().size()));
    }

    /** A member who fits, preferring none over a misfit unless {@code orAnyone}. */
    private @Nullable Resident member(Household h, Predicate<Resident> fits, boolean orAnyone) {
        List<Resident> fitting = h.members().stream().filter(fits).toList();
        if (fitting.isEmpty()) {
            return orAnyone ? anyone(h) : null;
        }
        return fitting.get(random.nextInt(fitting.size()));
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
