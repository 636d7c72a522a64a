package org.zhengce.scoring.portrait;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
import org.zhengce.events.HouseholdChanged;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.HousingSafetyGrade;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.IllnessCertified;
import org.zhengce.events.InsuranceLapsed;
import org.zhengce.events.InsuranceScheme;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.Member;
import org.zhengce.events.MemberJoinReason;
import org.zhengce.events.MemberJoined;
import org.zhengce.events.MemberLeaveReason;
import org.zhengce.events.MemberLeft;
import org.zhengce.events.PensionStarted;
import org.zhengce.events.PersonPseudonym;
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

/**
 * Fixed household events for tests: a builder of the envelope and one small factory per fact. Ids are derived from
 * the fact type, subject and instant unless given, so the same call builds the same event.
 */
public final class Events {

    public static final String HOUSEHOLD = "420106001001-0042";
    public static final String COMMUNITY = "420106001001";
    public static final String KEY_ID = "k2026";

    private Events() {}

    /** An event about the household {@link #HOUSEHOLD}. */
    public static Envelope aboutHousehold() {
        return aboutHousehold(HOUSEHOLD);
    }

    public static Envelope aboutHousehold(String household) {
        return new Envelope(new HouseholdNumber(household), household);
    }

    /** An event about a person (pseudonym value). */
    public static Envelope aboutPerson(String person) {
        return new Envelope(new PersonPseudonym(KEY_ID, person), person);
    }

    /** The envelope of one event, filled in step by step. */
    public static final class Envelope {
        private final Object subject;
        private final String subjectName;
        private Department department = Department.CIVIL_AFFAIRS;
        private Instant occurredAt = Instant.parse("2026-01-05T01:00:00Z");
        private @Nullable String platformEventId;
        private @Nullable String eventId;
        private @Nullable String communityCode;

        private Envelope(Object subject, String subjectName) {
            this.subject = subject;
            this.subjectName = subjectName;
        }

        public Envelope by(Department reporting) {
            this.department = reporting;
            return this;
        }

        public Envelope at(String instant) {
            this.occurredAt = Instant.parse(instant);
            return this;
        }

        public Envelope at(Instant instant) {
            this.occurredAt = instant;
            return this;
        }

        /** The platform event id (and, unless {@link #departmentId} is called, the department's id derived from it). */
        public Envelope id(String id) {
            this.platformEventId = id;
            return this;
        }

        public Envelope departmentId(String id) {
            this.eventId = id;
            return this;
        }

        public Envelope community(String code) {
            this.communityCode = code;
            return this;
        }

        public HouseholdEvent fact(Object fact) {
            String type = fact.getClass().getSimpleName();
            String platform = platformEventId != null ? platformEventId : type + "@" + subjectName + "@" + occurredAt;
            return new HouseholdEvent(
                    eventId != null ? eventId : department.name().toLowerCase() + ":" + platform,
                    department,
                    occurredAt,
                    occurredAt.plusSeconds(600),
                    subject,
                    platform,
                    communityCode,
                    fact);
        }
    }

    // ---- members

    public static Member member(String person, RelationToHead relation, String birthDate, Sex sex) {
        return new Member(new PersonPseudonym(KEY_ID, person), relation, LocalDate.parse(birthDate), sex);
    }

    public static HouseholdRegistered registered(Member... members) {
        return new HouseholdRegistered(COMMUNITY, "武昌区某街道某社区 3-2-501", null, null, List.of(members));
    }

    public static HouseholdChanged changed(String community, Member... members) {
        return new HouseholdChanged(community, null, null, null, List.of(members));
    }

    public static MemberJoined joined(Member member) {
        return new MemberJoined(member, MemberJoinReason.BIRTH);
    }

    public static MemberLeft left(String person) {
        return new MemberLeft(new PersonPseudonym(KEY_ID, person), MemberLeaveReason.MOVED_OUT);
    }

    // ---- economy and programmes

    public static EconomicCheckDone economicCheck(long incomePerHeadFen, boolean assetsAboveLimit) {
        return new EconomicCheckDone(incomePerHeadFen, assetsAboveLimit, null);
    }

    public static AssistanceGranted granted(Programme programme, long monthlyFen, String startDate) {
        return new AssistanceGranted(programme, monthlyFen, null, LocalDate.parse(startDate), null, null);
    }

    public static AssistanceGranted grantedUntil(Programme programme, long monthlyFen, String start, String end) {
        return new AssistanceGranted(programme, monthlyFen, null, LocalDate.parse(start), LocalDate.parse(end), null);
    }

    public static AssistanceEnded ended(Programme programme, String endDate, AssistanceEndReason reason) {
        return new AssistanceEnded(programme, LocalDate.parse(endDate), reason, null);
    }

    public static AssistanceApplicationRejected rejected(Programme programme, RejectionReason reason) {
        return new AssistanceApplicationRejected(programme, reason, null);
    }

    // ---- health

    public static HospitalAdmitted admitted(boolean emergency) {
        return new HospitalAdmitted("武汉大学人民医院", emergency);
    }

    public static HospitalDischarged discharged(int days) {
        return new HospitalDischarged("武汉大学人民医院", days);
    }

    public static MedicalExpenseSettled expense(long totalFen, long outOfPocketFen) {
        return new MedicalExpenseSettled(CareSetting.INPATIENT, totalFen, outOfPocketFen);
    }

    public static IllnessCertified illness(IllnessCategory category) {
        return new IllnessCertified(category);
    }

    public static InsuranceLapsed insuranceLapsed() {
        return new InsuranceLapsed(InsuranceScheme.URBAN_RURAL_RESIDENT);
    }

    public static DisabilityCertified disability(int grade, DisabilityType type) {
        return new DisabilityCertified(grade, type);
    }

    // ---- employment and justice

    public static EmploymentEnded jobEnded() {
        return new EmploymentEnded(EmploymentEndReason.BUSINESS_CLOSED);
    }

    public static EmploymentStarted jobStarted(long wageFen) {
        return new EmploymentStarted(wageFen);
    }

    public static UnemploymentRegistered unemployed(boolean insured) {
        return new UnemploymentRegistered(insured);
    }

    public static PensionStarted pension(long monthlyFen) {
        return new PensionStarted(InsuranceScheme.URBAN_RURAL_RESIDENT, monthlyFen);
    }

    public static ContributionsStopped contributionsStopped(SocialInsuranceKind kind) {
        return new ContributionsStopped(kind, LocalDate.parse("2025-12-01"));
    }

    public static ReleasedFromCustody released(String date) {
        return new ReleasedFromCustody(LocalDate.parse(date), ReleaseKind.PRISON);
    }

    // ---- education

    public static StudentEnrolled enrolled(EducationLevel level) {
        return new StudentEnrolled(level, "武昌实验小学");
    }

    public static SchoolAidRequested aidRequested(EducationLevel level) {
        return new SchoolAidRequested(level, null);
    }

    public static SchoolAidGranted aidGranted(EducationLevel level, long annualFen) {
        return new SchoolAidGranted(level, annualFen);
    }

    public static DropOutRiskReported dropOutRisk(DropOutRiskKind kind, int absentDays) {
        return new DropOutRiskReported(kind, absentDays);
    }

    // ---- living conditions

    public static DangerousHousingReported dangerousHousing(HousingSafetyGrade grade) {
        return new DangerousHousingReported(grade);
    }

    public static RentArrearsReported rentArrears(int months, long amountFen) {
        return new RentArrearsReported(months, amountFen);
    }

    public static DisasterAffected disaster(DisasterSeverity severity, long lossFen) {
        return new DisasterAffected(DisasterType.FLOOD, severity, lossFen);
    }

    public static UtilityArrearsReported utilityArrears(UtilityType utility, int months) {
        return new UtilityArrearsReported(utility, months, months * 8_000L);
    }

    // ---- offline findings

    public static VisitRecorded visit(Urgency urgency, String... needs) {
        return new VisitRecorded(ReporterRole.ADVISOR, "advisor-17", List.of(needs), urgency, "独居，行动不便");
    }

    public static TipReported tip(Urgency urgency, String... needs) {
        return new TipReported(ReporterRole.NEIGHBOUR, null, List.of(needs), urgency, null);
    }

    // ---- a household with one fact of every kind

    public static final String GRANDMA = "p-grandma";
    public static final String FATHER = "p-father";
    public static final String MOTHER = "p-mother";
    public static final String SON = "p-son";

    /** The four members of {@link #HOUSEHOLD}. */
    public static Member[] family() {
        return new Member[] {
            member(FATHER, RelationToHead.HEAD, "1978-07-01", Sex.MALE),
            member(MOTHER, RelationToHead.SPOUSE, "1980-11-20", Sex.FEMALE),
            member(GRANDMA, RelationToHead.PARENT, "1942-03-10", Sex.FEMALE),
            member(SON, RelationToHead.CHILD, "2014-09-01", Sex.MALE)
        };
    }

    /** The family registered, then one event of every other fact type, in 2026, each from its department. */
    public static List<HouseholdEvent> everyKindOfFact() {
        return List.of(
                aboutHousehold()
                        .by(Department.CIVIL_AFFAIRS)
                        .at("2026-01-05T01:00:00Z")
                        .fact(registered(family())),
                aboutHousehold()
                        .by(Department.CIVIL_AFFAIRS)
                        .at("2026-01-10T02:00:00Z")
                        .fact(economicCheck(95_000, false)),
                aboutHousehold()
                        .by(Department.CIVIL_AFFAIRS)
                        .at("2026-01-20T02:00:00Z")
                        .fact(granted(Programme.DIBAO, 120_000, "2026-02-01")),
                aboutPerson(GRANDMA)
                        .by(Department.CIVIL_AFFAIRS)
                        .at("2026-01-21T02:00:00Z")
                        .fact(ended(Programme.TEMPORARY_ASSISTANCE, "2026-01-20", AssistanceEndReason.PERIOD_EXPIRED)),
                aboutHousehold()
                        .by(Department.CIVIL_AFFAIRS)
                        .at("2026-01-22T02:00:00Z")
                        .fact(rejected(Programme.LOW_INCOME, RejectionReason.DOCUMENTS_MISSING)),
                aboutPerson(GRANDMA)
                        .by(Department.HEALTH)
                        .at("2026-02-01T03:00:00Z")
                        .fact(admitted(true)),
                aboutPerson(GRANDMA)
                        .by(Department.HEALTH)
                        .at("2026-02-20T03:00:00Z")
                        .fact(discharged(19)),
                aboutPerson(GRANDMA)
                        .by(Department.MEDICAL_INSURANCE)
                        .at("2026-02-21T03:00:00Z")
                        .fact(expense(2_400_000, 860_000)),
                aboutPerson(GRANDMA)
                        .by(Department.HEALTH)
                        .at("2026-02-22T03:00:00Z")
                        .fact(illness(IllnessCategory.CHRONIC)),
                aboutPerson(MOTHER)
                        .by(Department.MEDICAL_INSURANCE)
                        .at("2026-02-23T03:00:00Z")
                        .fact(insuranceLapsed()),
                aboutPerson(FATHER)
                        .by(Department.DISABLED_PERSONS_FEDERATION)
                        .at("2026-02-24T03:00:00Z")
                        .fact(disability(2, DisabilityType.PHYSICAL)),
                aboutPerson(FATHER)
                        .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                        .at("2026-03-01T03:00:00Z")
                        .fact(jobEnded()),
                aboutPerson(FATHER)
                        .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                        .at("2026-03-02T03:00:00Z")
                        .fact(unemployed(false)),
                aboutPerson(MOTHER)
                        .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                        .at("2026-03-03T03:00:00Z")
                        .fact(jobStarted(380_000)),
                aboutPerson(GRANDMA)
                        .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                        .at("2026-03-04T03:00:00Z")
                        .fact(pension(150_000)),
                aboutPerson(FATHER)
                        .by(Department.HUMAN_RESOURCES_SOCIAL_SECURITY)
                        .at("2026-03-05T03:00:00Z")
                        .fact(contributionsStopped(SocialInsuranceKind.PENSION)),
                aboutPerson(SON)
                        .by(Department.EDUCATION)
                        .at("2026-03-06T03:00:00Z")
                        .fact(enrolled(EducationLevel.PRIMARY)),
                aboutPerson(SON)
                        .by(Department.EDUCATION)
                        .at("2026-03-07T03:00:00Z")
                        .fact(aidRequested(EducationLevel.PRIMARY)),
                aboutPerson(SON)
                        .by(Department.EDUCATION)
                        .at("2026-03-08T03:00:00Z")
                        .fact(aidGranted(EducationLevel.PRIMARY, 100_000)),
                aboutPerson(SON)
                        .by(Department.EDUCATION)
                        .at("2026-03-09T03:00:00Z")
                        .fact(dropOutRisk(DropOutRiskKind.POOR_ATTENDANCE, 12)),
                aboutPerson(FATHER)
                        .by(Department.JUSTICE)
                        .at("2026-03-10T03:00:00Z")
                        .fact(released("2026-03-09")),
                aboutHousehold()
                        .by(Department.HOUSING)
                        .at("2026-03-11T03:00:00Z")
                        .fact(dangerousHousing(HousingSafetyGrade.GRADE_C)),
                aboutHousehold()
                        .by(Department.HOUSING)
                        .at("2026-03-12T03:00:00Z")
                        .fact(rentArrears(3, 180_000)),
                aboutHousehold()
                        .by(Department.EMERGENCY_MANAGEMENT)
                        .at("2026-03-13T03:00:00Z")
                        .fact(disaster(DisasterSeverity.MODERATE, 1_200_000)),
                aboutHousehold()
                        .by(Department.UTILITIES)
                        .at("2026-03-14T03:00:00Z")
                        .fact(utilityArrears(UtilityType.ELECTRICITY, 4)),
                aboutHousehold()
                        .by(Department.COMMUNITY)
                        .at("2026-03-15T03:00:00Z")
                        .fact(visit(Urgency.IN_STAGES, "照护", "医疗")),
                aboutPerson(GRANDMA)
                        .by(Department.COMMUNITY)
                        .at("2026-03-16T03:00:00Z")
                        .fact(tip(Urgency.SOLVE_NOW, "送医")));
    }

    /** {@code template}'s fact and subject under other ids, at another time (received ten minutes later). */
    public static HouseholdEvent reIded(HouseholdEvent template, String platformEventId, String eventId, Instant at) {
        return new HouseholdEvent(
                eventId,
                template.getDepartment(),
                at,
                at.plusSeconds(600),
                template.getSubject(),
                platformEventId,
                template.getCommunityCode(),
                template.getFact());
    }

    /** Applies events in order to the empty portrait of {@link #HOUSEHOLD}. */
    public static Portrait portraitOf(HouseholdEvent... events) {
        Portrait portrait = Portraits.empty(HOUSEHOLD);
        for (HouseholdEvent event : events) {
            portrait = Portraits.apply(portrait, event);
        }
        return portrait;
    }
}
