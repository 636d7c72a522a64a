package org.zhengce.benchmarks.data;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CareSetting;
import org.zhengce.events.Department;
import org.zhengce.events.DisabilityCertified;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.EducationLevel;
import org.zhengce.events.EmploymentEndReason;
import org.zhengce.events.EmploymentEnded;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.IllnessCertified;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.Member;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.Programme;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.Sex;
import org.zhengce.events.StudentEnrolled;
import org.zhengce.events.UnemploymentRegistered;
import org.zhengce.events.Urgency;
import org.zhengce.events.UtilityArrearsReported;
import org.zhengce.events.UtilityType;
import org.zhengce.events.VisitRecorded;

/**
 * The household events one district's departments would send over a quarter, generated from a
 * seed: the same seed gives the same events, record for record, on every JVM ({@link Random} is
 * specified to the bit).
 *
 * <p>About one household in eight appears per event; households have one to five members, and
 * person facts (hospital stays, medical bills, job losses) name a member by pseudonym. Amounts are
 * in fen; names, addresses and notes are Chinese text, so strings cost what they cost in production.
 */
public final class CityFeed {

    /** Each kind of fact the feed sends, how often (per hundred events) and from which department. */
    enum FactKind {
        MEDICAL_EXPENSE_SETTLED(20, Department.MEDICAL_INSURANCE, MedicalExpenseSettled.class),
        ECONOMIC_CHECK_DONE(10, Department.CIVIL_AFFAIRS, EconomicCheckDone.class),
        HOUSEHOLD_REGISTERED(8, Department.CIVIL_AFFAIRS, HouseholdRegistered.class),
        HOSPITAL_ADMITTED(8, Department.HEALTH, HospitalAdmitted.class),
        HOSPITAL_DISCHARGED(8, Department.HEALTH, HospitalDischarged.class),
        EMPLOYMENT_ENDED(8, Department.HUMAN_RESOURCES_SOCIAL_SECURITY, EmploymentEnded.class),
        VISIT_RECORDED(7, Department.COMMUNITY, VisitRecorded.class),
        ASSISTANCE_GRANTED(6, Department.CIVIL_AFFAIRS, AssistanceGranted.class),
        STUDENT_ENROLLED(6, Department.EDUCATION, StudentEnrolled.class),
        UTILITY_ARREARS_REPORTED(6, Department.UTILITIES, UtilityArrearsReported.class),
        UNEMPLOYMENT_REGISTERED(5, Department.HUMAN_RESOURCES_SOCIAL_SECURITY, UnemploymentRegistered.class),
        ILLNESS_CERTIFIED(4, Department.MEDICAL_INSURANCE, IllnessCertified.class),
        DISABILITY_CERTIFIED(4, Department.DISABLED_PERSONS_FEDERATION, DisabilityCertified.class);

        final int weight;
        final Department department;
        final Class<? extends SpecificRecord> type;

        FactKind(int weight, Department department, Class<? extends SpecificRecord> type) {
            this.weight = weight;
            this.department = department;
            this.type = type;
        }
    }

    private static final Instant QUARTER_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long QUARTER_MILLIS = Duration.ofDays(90).toMillis();
    private static final String DISTRICT = "420106";
    private static final String KEY_ID = "k2026-01";
    private static final int TOTAL_WEIGHT = 100;

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "建国"};
    private static final String[] STREETS = {"中南路街道", "水果湖街道", "珞珈山街道", "石洞街道", "首义路街道", "紫阳街道"};
    private static final String[] HOSPITALS = {"武汉大学人民医院", "湖北省中医院", "武汉市武昌医院", "中南医院", "武昌区中医医院"};
    private static final String[] SCHOOLS = {"武昌实验小学", "武汉中学", "水果湖第一小学", "武昌职业学院"};
    private static final String[] NEEDS = {
        "medical.escort", "care.elderly", "care.disabled", "education.tutoring",
        "employment.referral", "psychological.support", "housing.repair", "daily.meals"
    };
    private static final String[] VISIT_NOTES = {
        "老人独居，行动不便，需要助餐服务", "家中有重病患者，医疗支出较大", "主要劳动力失业，收入明显下降", "房屋漏雨，需要维修", "孩子辍学在家，需要关注"
    };
    private static final String[] CHECK_NOTES = {"申请低保，收入核对完成", "复核", "临时救助申请核对"};

    private final Random random;
    private final List<Household> households;
    private long sequence;

    private CityFeed(long seed, int householdCount) {
        this.random = new Random(seed);
        this.households = new ArrayList<>(householdCount);
        for (int i = 0; i < householdCount; i++) {
            households.add(newHousehold(i));
        }
    }

    /** {@code count} events generated from {@code seed}; equal seeds give equal lists. */
    public static List<HouseholdEvent> generate(long seed, int count) {
        CityFeed feed = new CityFeed(seed, Math.max(100, count / 8));
        List<HouseholdEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(feed.next());
        }
        return events;
    }

    /** The Kafka key intake gives an event: its subject's household number or pseudonym, UTF-8. */
    public static byte[] key(HouseholdEvent event) {
        String subject = event.getSubject() instanceof HouseholdNumber household
                ? household.getValue()
                : ((PersonPseudonym) event.getSubject()).getValue();
        return subject.getBytes(StandardCharsets.UTF_8);
    }

    private HouseholdEvent next() {
        FactKind kind = pickKind();
        Household household = households.get(random.nextInt(households.size()));
        Member person =
                household.members().get(random.nextInt(household.members().size()));
        Instant occurredAt = QUARTER_START.plusMillis((long) (random.nextDouble() * QUARTER_MILLIS));
        Instant reportedAt =
                occurredAt.plusMillis(random.nextInt((int) Duration.ofHours(48).toMillis()));
        SpecificRecord fact = fact(kind, household, person, occurredAt);
        boolean aboutPerson = !(kind == FactKind.HOUSEHOLD_REGISTERED
                || kind == FactKind.ECONOMIC_CHECK_DONE
                || kind == FactKind.ASSISTANCE_GRANTED
                || kind == FactKind.UTILITY_ARREARS_REPORTED
                || kind == FactKind.VISIT_RECORDED);
        sequence++;
        return HouseholdEvent.newBuilder()
                .setEventId(kind.department.name().substring(0, 3) + "-2026-" + String.format("%08d", sequence))
                .setDepartment(kind.department)
                .setOccurredAt(occurredAt)
                .setReportedAt(reportedAt)
                .setSubject(aboutPerson ? person.getPerson() : new HouseholdNumber(household.number()))
                .setPlatformEventId(new UUID(
                                (random.nextLong() & ~0xF000L) | 0x4000L,
                                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                        .toString())
                .setCommunityCode(random.nextInt(10) < 7 ? household.communityCode() : null)
                .setFact(fact)
                .build();
    }

    private FactKind pickKind() {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (FactKind kind : FactKind.values()) {
            ticket -= kind.weight;
            if (ticket < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("fact weights do not add up to " + TOTAL_WEIGHT);
    }

    private SpecificRecord fact(FactKind kind, Household household, Member person, Instant occurredAt) {
        return switch (kind) {
            case MEDICAL_EXPENSE_SETTLED -> {
                long totalFen = 5_000L + (long) (Math.pow(random.nextDouble(), 3) * 5_000_000L);
                yield new MedicalExpenseSettled(
                        pick(CareSetting.INPATIENT, CareSetting.OUTPATIENT, CareSetting.OUTPATIENT_CHRONIC),
                        totalFen,
                        totalFen * (10 + random.nextInt(51)) / 100);
            }
            case ECONOMIC_CHECK_DONE ->
                new EconomicCheckDone(
                        (long) random.nextInt(500_000),
                        random.nextInt(10) == 0,
                        random.nextInt(4) == 0 ? pick(CHECK_NOTES) : null);
            case HOUSEHOLD_REGISTERED ->
                new HouseholdRegistered(
                        household.communityCode(),
                        household.address(),
                        household.headName(),
                        household.phone(),
                        household.members());
            case HOSPITAL_ADMITTED -> new HospitalAdmitted(pick(HOSPITALS), random.nextInt(5) == 0);
            case HOSPITAL_DISCHARGED -> new HospitalDischarged(pick(HOSPITALS), 1 + random.nextInt(30));
            case EMPLOYMENT_ENDED -> new EmploymentEnded(pick(EmploymentEndReason.values()));
            case VISIT_RECORDED -> {
                List<String> needs = new ArrayList<>();
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    needs.add(pick(NEEDS));
                }
                yield new VisitRecorded(
                        pick(ReporterRole.ADVISOR, ReporterRole.GRID_WORKER, ReporterRole.VOLUNTEER),
                        "u" + (1000 + random.nextInt(200)),
                        needs,
                        pick(Urgency.SOLVE_NOW, Urgency.IN_STAGES, Urgency.LONG_TERM),
                        pick(VISIT_NOTES));
            }
            case ASSISTANCE_GRANTED -> {
                Programme programme = pick(
                        Programme.DIBAO,
                        Programme.LOW_INCOME,
                        Programme.TEMPORARY_ASSISTANCE,
                        Programme.MEDICAL_ASSISTANCE);
                boolean oneOff =
                        programme == Programme.TEMPORARY_ASSISTANCE || programme == Programme.MEDICAL_ASSISTANCE;
                LocalDate start = LocalDate.ofInstant(occurredAt, java.time.ZoneOffset.ofHours(8));
                yield new AssistanceGranted(
                        programme,
                        oneOff ? null : 50_000L + random.nextInt(60_000),
                        oneOff ? 100_000L + random.nextInt(900_000) : null,
                        start,
                        oneOff ? start : start.plusYears(1),
                        "家庭收入低于当地标准");
            }
            case STUDENT_ENROLLED ->
                new StudentEnrolled(
                        pick(
                                EducationLevel.PRIMARY,
                                EducationLevel.JUNIOR_SECONDARY,
                                EducationLevel.SENIOR_SECONDARY,
                                EducationLevel.VOCATIONAL),
                        pick(SCHOOLS));
            case UTILITY_ARREARS_REPORTED -> {
                int months = 2 + random.nextInt(10);
                yield new UtilityArrearsReported(
                        pick(UtilityType.WATER, UtilityType.ELECTRICITY, UtilityType.GAS),
                        months,
                        months * (3_000L + random.nextInt(12_000)));
            }
            case UNEMPLOYMENT_REGISTERED -> new UnemploymentRegistered(random.nextBoolean());
            case ILLNESS_CERTIFIED ->
                new IllnessCertified(pick(
                        IllnessCategory.SERIOUS,
                        IllnessCategory.CHRONIC,
                        IllnessCategory.SEVERE_MENTAL,
                        IllnessCategory.RARE));
            case DISABILITY_CERTIFIED -> new DisabilityCertified(1 + random.nextInt(4), pick(DisabilityType.values()));
        };
    }

    private Household newHousehold(int index) {
        String communityCode =
                DISTRICT + String.format("%03d%03d", 1 + random.nextInt(STREETS.length), 1 + random.nextInt(30));
        int size = 1 + random.nextInt(5);
        int headBirthYear = 1945 + random.nextInt(55);
        List<Member> members = new ArrayList<>(size);
        members.add(member(RelationToHead.HEAD, headBirthYear));
        for (int i = 1; i < size; i++) {
            RelationToHead relation = i == 1
                    ? RelationToHead.SPOUSE
                    : pick(
                            RelationToHead.CHILD,
                            RelationToHead.CHILD,
                            RelationToHead.PARENT,
                            RelationToHead.GRANDCHILD);
            int birthYear = switch (relation) {
                case SPOUSE -> headBirthYear - 5 + random.nextInt(11);
                case PARENT -> headBirthYear - 20 - random.nextInt(16);
                case GRANDCHILD -> headBirthYear + 45 + random.nextInt(15);
                default -> headBirthYear + 20 + random.nextInt(16);
            };
            members.add(member(relation, Math.min(birthYear, 2025)));
        }
        String street = STREETS[Integer.parseInt(communityCode.substring(6, 9)) - 1];
        return new Household(
                DISTRICT + String.format("%06d", index + 1),
                communityCode,
                "武昌区" + street + (1 + random.nextInt(40)) + "栋" + (1 + random.nextInt(6)) + "单元"
                        + (101 + random.nextInt(1800)) + "室",
                pick(SURNAMES) + pick(GIVEN),
                "1" + (30 + random.nextInt(60)) + String.format("%08d", random.nextInt(100_000_000)),
                List.copyOf(members));
    }

    private Member member(RelationToHead relation, int birthYear) {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return new Member(
                new PersonPseudonym(KEY_ID, HexFormat.of().formatHex(digest)),
                relation,
                LocalDate.of(birthYear, 1 + random.nextInt(12), 1 + random.nextInt(28)),
                random.nextBoolean() ? Sex.MALE : Sex.FEMALE);
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private record Household(
            String number, String communityCode, String address, String headName, String phone, List<Member> members) {}
}
