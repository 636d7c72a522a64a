package org.zhengce.intake.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HousingSafetyGrade;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.IllnessCertified;
import org.zhengce.events.InsuranceLapsed;
import org.zhengce.events.InsuranceScheme;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.MemberJoinReason;
import org.zhengce.events.MemberLeaveReason;
import org.zhengce.events.PensionStarted;
import org.zhengce.events.Programme;
import org.zhengce.events.RejectionReason;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.ReleaseKind;
import org.zhengce.events.ReleasedFromCustody;
import org.zhengce.events.RentArrearsReported;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.SchoolAidGranted;
import org.zhengce.events.SchoolAidRequested;
import org.zhengce.events.Sex;
import org.zhengce.events.SocialInsuranceKind;
import org.zhengce.events.StudentEnrolled;
import org.zhengce.events.TipReported;
import org.zhengce.events.UnemploymentRegistered;
import org.zhengce.events.Urgency;
import org.zhengce.events.UtilityArrearsReported;
import org.zhengce.events.UtilityType;
import org.zhengce.events.VisitRecorded;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdChanged;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.MemberJoined;
import org.zhengce.intake.MemberLeft;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.ResidentIdentityNumber;

/**
 * One valid, realistic example event per fact type, for the OpenAPI examples and for tests: the Zhang family of
 * household {@value #HOUSEHOLD_NUMBER} in community {@value #COMMUNITY_CODE} (Chaoyang, Beijing), each event from the
 * department that naturally reports it (as seeded in the department registry), occurred at {@link #OCCURRED_AT} and
 * reported an hour later. The identity numbers are made up and can belong to nobody: their region 990101 is not a
 * GB/T 2260 division (no province code starts with 9), while the birth date, sequence and check character are
 * valid, and birth dates and sexes agree with them. They appear in the OpenAPI document, which anyone may read. Every example passes {@code EventValidator} on 2026-12-01.
 */
public final class EventExamples {

    public static final String COMMUNITY_CODE = "110105001001";
    public static final String HOUSEHOLD_NUMBER = "110105000123";
    public static final Instant OCCURRED_AT = Instant.parse("2026-11-20T02:00:00Z");
    public static final Instant REPORTED_AT = Instant.parse("2026-11-20T03:00:00Z");

    /** No GB/T 2260 division has this code, so no resident holds a number starting with it. */
    private static final String FICTITIOUS_REGION = "990101";

    private static final String ADDRESS = "北京市朝阳区幸福路1号院3号楼2单元401室";
    private static final String HEAD_NAME = "张建国";
    private static final String HOSPITAL = "北京朝阳医院";

    /** The head, 张建国, born 1980-01-01, male. */
    static final Person HEAD = new Person(LocalDate.of(1980, 1, 1), 123);
    /** His wife, 李秀英, born 1982-05-12, female. */
    static final Person SPOUSE = new Person(LocalDate.of(1982, 5, 12), 124);
    /** Their son, 张小明, born 2012-09-01, male. */
    static final Person CHILD = new Person(LocalDate.of(2012, 9, 1), 135);
    /** Their daughter, born 2026-11-10, female. */
    static final Person NEWBORN = new Person(LocalDate.of(2026, 11, 10), 142);
    /** The head's father, born 1950-03-15, male, who died. */
    static final Person FATHER = new Person(LocalDate.of(1950, 3, 15), 111);
    /** A neighbour retiring at 60, born 1966-11-05, male. */
    static final Person RETIREE = new Person(LocalDate.of(1966, 11, 5), 117);
    /** A young man of the community back from prison, born 1992-04-18, male. */
    static final Person RELEASED = new Person(LocalDate.of(1992, 4, 18), 157);

    private EventExamples() {}

    /** A made-up person of the unassigned region 990101: birth date and 3-digit sequence (odd for men). */
    record Person(LocalDate birthDate, int sequence) {

        String identityNumber() {
            String body = FICTITIOUS_REGION
                    + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format(Locale.ROOT, "%03d", sequence);
            return body + ResidentIdentityNumber.checkCharacter(body);
        }

        Sex sex() {
            return sequence % 2 == 1 ? Sex.MALE : Sex.FEMALE;
        }

        ResidentIdentity identity() {
            return new ResidentIdentity(identityNumber());
        }

        Member member(RelationToHead relation) {
            return new Member(identity(), relation, birthDate, sex());
        }
    }

    /** Every example, by type name ({@link EventTypes#names()}); new records each call, for the caller to change. */
    public static SortedMap<String, DepartmentEvent> all() {
        Examples examples = new Examples();
        SortedMap<String, DepartmentEvent> all = new TreeMap<>();
        for (DepartmentEvent event : examples.build()) {
            all.put(EventTypes.nameOf(event.getFact()), event);
        }
        return all;
    }

    /** The examples of one call, numbering event ids per department. */
    private static final class Examples {

        private final Map<Department, Integer> sequences = new HashMap<>();

        List<DepartmentEvent> build() {
            return List.of(
                    household(
                            Department.CIVIL_AFFAIRS,
                            HouseholdRegistered.newBuilder()
                                    .setCommunityCode(COMMUNITY_CODE)
                                    .setAddress(ADDRESS)
                                    .setHeadName(HEAD_NAME)
                                    .setPhone("13911112222")
                                    .setMembers(family())
                                    .build()),
                    household(
                            Department.CIVIL_AFFAIRS,
                            HouseholdChanged.newBuilder()
                                    .setCommunityCode(COMMUNITY_CODE)
                                    .setAddress(ADDRESS)
                                    .setHeadName(HEAD_NAME)
                                    .setPhone("13911113333")
                                    .setMembers(familyWithNewborn())
                                    .build()),
                    household(
                            Department.CIVIL_AFFAIRS,
                            MemberJoined.newBuilder()
                                    .setMember(NEWBORN.member(RelationToHead.CHILD))
                                    .setReason(MemberJoinReason.BIRTH)
                                    .build()),
                    household(
                            Department.CIVIL_AFFAIRS,
                            MemberLeft.newBuilder()
                                    .setIdentity(FATHER.identity())
                                    .setReason(MemberLeaveReason.DEATH)
                                    .build()),
                    household(
                            Department.CIVIL_AFFAIRS,
                            EconomicCheckDone.newBuilder()
                                    .setMonthlyIncomePerHeadFen(85_000L)
                                    .setAssetsAboveLimit(false)
                                    .setNote("家庭人均月收入850元，低于本市最低生活保障标准")
                                    .build()),
                    household(
                            Department.CIVIL_AFFAIRS,
                            AssistanceGranted.newBuilder()
                                    .setProgramme(Programme.DIBAO)
                                    .setMonthlyAmountFen(180_000L)
                                    .setStartDate(LocalDate.of(2026, 12, 1))
                                    .setEndDate(LocalDate.of(2027, 11, 30))
                                    .setReason("因病致贫，家庭人均收入低于低保标准")
                                    .build()),
                    household(
                            Department.CIVIL_AFFAIRS,
                            AssistanceEnded.newBuilder()
                                    .setProgramme(Programme.TEMPORARY_ASSISTANCE)
                                    .setEndDate(LocalDate.of(2026, 11, 20))
                                    .setReason(AssistanceEndReason.PERIOD_EXPIRED)
                                    .setNote("临时救助三个月期满，已转入低保")
                                    .build()),
                    household(
                            Department.CIVIL_AFFAIRS,
                            AssistanceApplicationRejected.newBuilder()
                                    .setProgramme(Programme.SPENDING_DRIVEN_POVERTY)
                                    .setReason(RejectionReason.DOCUMENTS_MISSING)
                                    .setNote("缺少住院费用票据，补齐后可重新申请")
                                    .build()),
                    person(
                            Department.HEALTH,
                            HEAD,
                            HospitalAdmitted.newBuilder()
                                    .setHospital(HOSPITAL)
                                    .setEmergency(true)
                                    .build()),
                    person(
                            Department.HEALTH,
                            HEAD,
                            HospitalDischarged.newBuilder()
                                    .setHospital(HOSPITAL)
                                    .setLengthOfStayDays(12)
                                    .build()),
                    person(
                            Department.MEDICAL_INSURANCE,
                            HEAD,
                            MedicalExpenseSettled.newBuilder()
                                    .setSetting(CareSetting.INPATIENT)
                                    .setTotalFen(8_650_000L)
                                    .setOutOfPocketFen(2_130_000L)
                                    .build()),
                    person(
                            Department.HEALTH,
                            HEAD,
                            IllnessCertified.newBuilder()
                                    .setCategory(IllnessCategory.SERIOUS)
                                    .build()),
                    person(
                            Department.MEDICAL_INSURANCE,
                            HEAD,
                            InsuranceLapsed.newBuilder()
                                    .setScheme(InsuranceScheme.URBAN_RURAL_RESIDENT)
                                    .build()),
                    person(
                            Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            HEAD,
                            EmploymentEnded.newBuilder()
                                    .setReason(EmploymentEndReason.BUSINESS_CLOSED)
                                    .build()),
                    person(
                            Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            HEAD,
                            UnemploymentRegistered.newBuilder()
                                    .setReceivesUnemploymentInsurance(true)
                                    .build()),
                    person(
                            Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            SPOUSE,
                            EmploymentStarted.newBuilder()
                                    .setMonthlyWageFen(420_000L)
                                    .build()),
                    person(
                            Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            RETIREE,
                            PensionStarted.newBuilder()
                                    .setScheme(InsuranceScheme.EMPLOYEE)
                                    .setMonthlyAmountFen(385_000L)
                                    .build()),
                    person(
                            Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            HEAD,
                            ContributionsStopped.newBuilder()
                                    .setInsurance(SocialInsuranceKind.PENSION)
                                    .setLastPaidMonth(LocalDate.of(2026, 8, 1))
                                    .build()),
                    person(
                            Department.EDUCATION,
                            CHILD,
                            StudentEnrolled.newBuilder()
                                    .setLevel(EducationLevel.JUNIOR_SECONDARY)
                                    .setSchool("北京市朝阳区幸福路中学")
                                    .build()),
                    person(
                            Department.EDUCATION,
                            CHILD,
                            SchoolAidRequested.newBuilder()
                                    .setLevel(EducationLevel.JUNIOR_SECONDARY)
                                    .setNote("父亲住院，家庭无力承担住宿和伙食费用")
                                    .build()),
                    person(
                            Department.EDUCATION,
                            CHILD,
                            SchoolAidGranted.newBuilder()
                                    .setLevel(EducationLevel.JUNIOR_SECONDARY)
                                    .setAnnualAmountFen(125_000L)
                                    .build()),
                    person(
                            Department.EDUCATION,
                            CHILD,
                            DropOutRiskReported.newBuilder()
                                    .setKind(DropOutRiskKind.POOR_ATTENDANCE)
                                    .setAbsentDays(12)
                                    .build()),
                    person(
                            Department.DISABLED_PERSONS_FEDERATION,
                            SPOUSE,
                            DisabilityCertified.newBuilder()
                                    .setGrade(2)
                                    .setType(DisabilityType.PHYSICAL)
                                    .build()),
                    person(
                            Department.JUSTICE,
                            RELEASED,
                            ReleasedFromCustody.newBuilder()
                                    .setReleaseDate(LocalDate.of(2026, 11, 19))
                                    .setKind(ReleaseKind.PRISON)
                                    .build()),
                    household(
                            Department.HOUSING,
                            DangerousHousingReported.newBuilder()
                                    .setGrade(HousingSafetyGrade.GRADE_C)
                                    .build()),
                    household(
                            Department.HOUSING,
                            RentArrearsReported.newBuilder()
                                    .setMonthsUnpaid(3)
                                    .setAmountFen(450_000L)
                                    .build()),
                    household(
                            Department.EMERGENCY_MANAGEMENT,
                            DisasterAffected.newBuilder()
                                    .setDisaster(DisasterType.FLOOD)
                                    .setSeverity(DisasterSeverity.MODERATE)
                                    .setLossFen(2_000_000L)
                                    .build()),
                    household(
                            Department.UTILITIES,
                            UtilityArrearsReported.newBuilder()
                                    .setUtility(UtilityType.ELECTRICITY)
                                    .setMonthsUnpaid(4)
                                    .setAmountFen(38_000L)
                                    .build()),
                    household(
                            Department.COMMUNITY,
                            VisitRecorded.newBuilder()
                                    .setReporterRole(ReporterRole.ADVISOR)
                                    .setReporterId("ADV-110105001001-07")
                                    .setNeeds(list("医疗救助", "护理服务"))
                                    .setUrgency(Urgency.SOLVE_NOW)
                                    .setNote("户主出院后卧床，妻子照顾孩子无法工作，家中暂无固定收入")
                                    .build()),
                    household(
                            Department.COMMUNITY,
                            TipReported.newBuilder()
                                    .setReporterRole(ReporterRole.GRID_WORKER)
                                    .setReporterId("GRID-0012")
                                    .setNeeds(list("临时救助"))
                                    .setUrgency(Urgency.IN_STAGES)
                                    .setNote("邻居反映该户近两个月未交房租，孩子常缺课")
                                    .build()));
        }

        private DepartmentEvent household(Department department, Object fact) {
            return envelope(department, fact)
                    .setSubject(new HouseholdNumber(HOUSEHOLD_NUMBER))
                    .build();
        }

        private DepartmentEvent person(Department department, Person person, Object fact) {
            return envelope(department, fact).setSubject(person.identity()).build();
        }

        private DepartmentEvent.Builder envelope(Department department, Object fact) {
            int sequence = sequences.merge(department, 1, Integer::sum);
            return DepartmentEvent.newBuilder()
                    .setEventId(department.name() + "-2026-" + String.format(Locale.ROOT, "%04d", sequence))
                    .setDepartment(department)
                    .setOccurredAt(OCCURRED_AT)
                    .setReportedAt(REPORTED_AT)
                    .setCommunityCode(COMMUNITY_CODE)
                    .setFact(fact);
        }
    }

    private static List<Member> family() {
        return list(
                HEAD.member(RelationToHead.HEAD),
                SPOUSE.member(RelationToHead.SPOUSE),
                CHILD.member(RelationToHead.CHILD));
    }

    private static List<Member> familyWithNewborn() {
        List<Member> members = family();
        members.add(NEWBORN.member(RelationToHead.CHILD));
        return members;
    }

    @SafeVarargs
    private static <T> List<T> list(T... items) {
        return new ArrayList<>(Arrays.asList(items));
    }
}
