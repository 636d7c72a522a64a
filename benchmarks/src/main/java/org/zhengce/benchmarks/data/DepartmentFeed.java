package org.zhengce.benchmarks.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
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
import org.zhengce.events.EmploymentStarted;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.IllnessCertified;
import org.zhengce.events.MedicalExpenseSettled;
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
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.ResidentIdentity;

/**
 * What departments send to intake over a quarter, as {@link DepartmentEvent}s (identity numbers in clear, before
 * pseudonymisation), generated from a seed: the same seed, count, time and batch give the same events, record for
 * record, on every JVM ({@link Random} is specified to the bit).
 *
 * <p>Every event is one intake accepts: each type comes from a department the registry's seed allows to report it
 * ({@code V2__seed_departments.sql}), persons are named by valid resident identity numbers (GB 11643: region
 * {@value #REGION}, real birth dates, the sequence's parity giving the sex that the household register states, the
 * ISO 7064 MOD 11-2 check character), households live in the communities of intake's {@code communities.txt}, and
 * every time lies in the 90 days before {@code asOf}. Event ids hold the {@code batch} label, so a batch label used
 * once per round and run makes every event new to intake's ledger.
 */
public final class DepartmentFeed {

    /** Each kind of fact the feed sends, how often (per hundred events), from which department, about whom. */
    public enum FactKind {
        MEDICAL_EXPENSE_SETTLED(20, Department.MEDICAL_INSURANCE, MedicalExpenseSettled.class, true),
        ECONOMIC_CHECK_DONE(10, Department.CIVIL_AFFAIRS, EconomicCheckDone.class, false),
        HOUSEHOLD_REGISTERED(8, Department.CIVIL_AFFAIRS, HouseholdRegistered.class, false),
        HOSPITAL_ADMITTED(8, Department.HEALTH, HospitalAdmitted.class, true),
        HOSPITAL_DISCHARGED(8, Department.HEALTH, HospitalDischarged.class, true),
        EMPLOYMENT_ENDED(8, Department.HUMAN_RESOURCES_SOCIAL_SECURITY, EmploymentEnded.class, true),
        VISIT_RECORDED(7, Department.COMMUNITY, VisitRecorded.class, false),
        ASSISTANCE_GRANTED(6, Department.CIVIL_AFFAIRS, AssistanceGranted.class, false),
        STUDENT_ENROLLED(6, Department.EDUCATION, StudentEnrolled.class, true),
        UTILITY_ARREARS_REPORTED(5, Department.UTILITIES, UtilityArrearsReported.class, false),
        UNEMPLOYMENT_REGISTERED(5, Department.HUMAN_RESOURCES_SOCIAL_SECURITY, UnemploymentRegistered.class, true),
        ILLNESS_CERTIFIED(4, Department.HEALTH, IllnessCertified.class, true),
        DISABILITY_CERTIFIED(3, Department.DISABLED_PERSONS_FEDERATION, DisabilityCertified.class, true),
        EMPLOYMENT_STARTED(2, Department.HUMAN_RESOURCES_SOCIAL_SECURITY, EmploymentStarted.class, true);

        public final int weight;
        public final Department department;
        public final Class<? extends SpecificRecord> type;
        /** Whether the subject is a person (resident identity) rather than a household (household number). */
        public final boolean aboutPerson;

        FactKind(int weight, Department department, Class<? extends SpecificRecord> type, boolean aboutPerson) {
            this.weight = weight;
            this.department = department;
            this.type = type;
            this.aboutPerson = aboutPerson;
        }
    }

    /** The region code of every identity number and household number: Chaoyang, Beijing, as communities.txt. */
    public static final String REGION = "110105";

    /** The classpath resource (in intake's jar) listing the communities intake knows. */
    public static final String COMMUNITIES = "communities.txt";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final long QUARTER_MILLIS = Duration.ofDays(90).toMillis();
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final int TOTAL_WEIGHT = 100;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "建国"};
    private static final String[] HOSPITALS = {"北京朝阳医院", "中日友好医院", "北京市垂杨柳医院", "首都医科大学附属北京安贞医院", "朝阳区双桥医院"};
    private static final String[] SCHOOLS = {"北京市朝阳区实验小学", "北京市第八十中学", "北京市陈经纶中学", "北京市朝阳区职业技术学校"};
    private static final String[] NEEDS = {"医疗救助", "助餐服务", "护理服务", "学业辅导", "就业推荐", "心理疏导", "房屋维修", "临时救助"};
    private static final String[] VISIT_NOTES = {
        "老人独居，行动不便，需要助餐服务", "家中有重病患者，医疗支出较大", "主要劳动力失业，收入明显下降", "房屋漏雨，需要维修", "孩子辍学在家，需要关注"
    };
    private static final String[] CHECK_NOTES = {"申请低保，收入核对完成", "年度复核", "临时救助申请核对"};

    private final Random random;
    private final List<Community> communities;
    private final List<Household> households;
    private final Set<String> identityNumbers = new HashSet<>();
    private final long asOfMillis;
    private final LocalDate today;
    private final String batch;
    private long sequence;

    private DepartmentFeed(long seed, int householdCount, Instant asOf, String batch) {
        this.random = new Random(seed);
        this.communities = readCommunities();
        this.asOfMillis = asOf.toEpochMilli();
        this.today = LocalDate.ofInstant(asOf, CHINA);
        this.batch = batch;
        this.households = new ArrayList<>(householdCount);
        for (int i = 0; i < householdCount; i++) {
            households.add(newHousehold(i));
        }
    }

    /**
     * {@code count} events generated from {@code seed}, all in the 90 days before {@code asOf}, their ids
     * {@code <DEPARTMENT>-<batch>-<8-digit sequence>}; equal arguments give equal lists.
     *
     * @param batch a label of letters, digits and dashes that makes the ids unique (e.g. run start and round);
     *     it must not hold a run of 17 digits or more, which intake would take for an identity number
     */
    public static List<DepartmentEvent> generate(long seed, int count, Instant asOf, String batch) {
        if (!batch.matches("[A-Za-z0-9-]{1,40}") || batch.matches(".*[0-9]{17}.*")) {
            throw new IllegalArgumentException("batch must be up to 40 letters, digits and dashes without a run of 17"
                    + " digits, was '" + batch + "'");
        }
        DepartmentFeed feed = new DepartmentFeed(seed, Math.max(100, count / 8), asOf, batch);
        List<DepartmentEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(feed.next());
        }
        return events;
    }

    /** The 12-digit codes of the communities in intake's {@value #COMMUNITIES}, in file order. */
    public static List<String> communityCodes() {
        return readCommunities().stream().map(Community::code).toList();
    }

    /**
     * A Kafka key as long as intake's: the household number, or for a person a 64-hex SHA-256 of the identity
     * number, standing in for intake's keyed pseudonym (HMAC-SHA256) so that no identity number is a key.
     */
    public static byte[] key(DepartmentEvent event) {
        if (event.getSubject() instanceof HouseholdNumber household) {
            return household.getValue().getBytes(StandardCharsets.UTF_8);
        }
        String identity = ((ResidentIdentity) event.getSubject()).getIdentityNumber();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * The GB 11643 check character of the first 17 digits: the sum of digit × weight (7 9 10 5 8 4 2 1 6 3 7 9 10
     * 5 8 4 2) modulo 11 indexes {@code 1 0 X 9 8 7 6 5 4 3 2}.
     */
    public static char checkCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private DepartmentEvent next() {
        FactKind kind = pickKind();
        Household household = households.get(random.nextInt(households.size()));
        long occurredMillis = asOfMillis - HOUR_MILLIS - (long) (random.nextDouble() * QUARTER_MILLIS);
        long reportedMillis = Math.min(
                occurredMillis
                        + (long) (random.nextDouble() * Duration.ofHours(48).toMillis()),
                asOfMillis - Duration.ofMinutes(1).toMillis());
        Instant occurredAt = Instant.ofEpochMilli(occurredMillis);
        Person person = personFor(kind, household);
        SpecificRecord fact = fact(kind, household, person, occurredAt);
        sequence++;
        return DepartmentEvent.newBuilder()
                .setEventId(kind.department.name() + "-" + batch + "-" + String.format(Locale.ROOT, "%08d", sequence))
                .setDepartment(kind.department)
                .setOccurredAt(occurredAt)
                .setReportedAt(Instant.ofEpochMilli(reportedMillis))
                .setSubject(
                        kind.aboutPerson
                                ? new ResidentIdentity(person.identityNumber())
                                : new HouseholdNumber(household.number()))
                .setCommunityCode(random.nextInt(10) < 7 ? household.community().code() : null)
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

    /** The member a person fact is about: of working age for jobs, of school age for schools, else anyone. */
    private Person personFor(FactKind kind, Household household) {
        return switch (kind) {
            case EMPLOYMENT_ENDED, EMPLOYMENT_STARTED, UNEMPLOYMENT_REGISTERED -> member(household, 18, 60);
            case STUDENT_ENROLLED -> member(household, 3, 22);
            default -> member(household, 0, 200);
        };
    }

    private Person member(Household household, int minAge, int maxAge) {
        List<Person> fitting = household.members().stream()
                .filter(p -> age(p) >= minAge && age(p) <= maxAge)
                .toList();
        List<Person> from = fitting.isEmpty() ? household.members() : fitting;
        return from.get(random.nextInt(from.size()));
    }

    private int age(Person person) {
        return java.time.Period.between(person.birthDate(), today).getYears();
    }

    private SpecificRecord fact(FactKind kind, Household household, Person person, Instant occurredAt) {
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
                HouseholdRegistered.newBuilder()
                        .setCommunityCode(household.community().code())
                        .setAddress(household.address())
                        .setHeadName(household.headName())
                        .setPhone(household.phone())
                        .setMembers(household.members().stream()
                                .map(p -> new Member(
                                        new ResidentIdentity(p.identityNumber()), p.relation(), p.birthDate(), p.sex()))
                                .toList())
                        .build();
            case HOSPITAL_ADMITTED -> new HospitalAdmitted(pick(HOSPITALS), random.nextInt(5) == 0);
            case HOSPITAL_DISCHARGED -> new HospitalDischarged(pick(HOSPITALS), 1 + random.nextInt(30));
            case EMPLOYMENT_ENDED -> new EmploymentEnded(pick(EmploymentEndReason.values()));
            case EMPLOYMENT_STARTED -> new EmploymentStarted(250_000L + random.nextInt(700_000));
            case VISIT_RECORDED -> {
                List<String> needs = new ArrayList<>();
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    needs.add(pick(NEEDS));
                }
                yield new VisitRecorded(
                        pick(ReporterRole.ADVISOR, ReporterRole.GRID_WORKER, ReporterRole.VOLUNTEER),
                        "ADV-" + household.community().code() + "-" + String.format("%02d", 1 + random.nextInt(20)),
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
                LocalDate start = LocalDate.ofInstant(occurredAt, CHINA).plusDays(random.nextInt(31));
                yield new AssistanceGranted(
                        programme,
                        oneOff ? null : 50_000L + random.nextInt(60_000),
                        oneOff ? 100_000L + random.nextInt(900_000) : null,
                        start,
                        oneOff ? start : start.plusYears(1).minusDays(1),
                        "家庭人均收入低于本市最低生活保障标准");
            }
            case STUDENT_ENROLLED -> new StudentEnrolled(levelAt(age(person)), pick(SCHOOLS));
            case UTILITY_ARREARS_REPORTED -> {
                int months = 2 + random.nextInt(10);
                yield new UtilityArrearsReported(
                        pick(UtilityType.WATER, UtilityType.ELECTRICITY, UtilityType.GAS, UtilityType.HEATING),
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
            case DISABILITY_CERTIFIED ->
                new DisabilityCertified(
                        1 + random.nextInt(4),
                        pick(
                                DisabilityType.VISUAL,
                                DisabilityType.HEARING,
                                DisabilityType.PHYSICAL,
                                DisabilityType.INTELLECTUAL,
                                DisabilityType.MENTAL,
                                DisabilityType.MULTIPLE));
        };
    }

    private static EducationLevel levelAt(int age) {
        if (age < 6) {
            return EducationLevel.PRESCHOOL;
        }
        if (age < 12) {
            return EducationLevel.PRIMARY;
        }
        if (age < 15) {
            return EducationLevel.JUNIOR_SECONDARY;
        }
        if (age < 18) {
            return EducationLevel.SENIOR_SECONDARY;
        }
        return age < 20 ? EducationLevel.VOCATIONAL : EducationLevel.HIGHER;
    }

    private Household newHousehold(int index) {
        Community community = communities.get(random.nextInt(communities.size()));
        int size = 1 + random.nextInt(5);
        int latestBirthYear = today.getYear() - 1;
        int headBirthYear = 1945 + random.nextInt(Math.min(55, latestBirthYear - 1945 - 18));
        List<Person> members = new ArrayList<>(size);
        Person head = person(RelationToHead.HEAD, headBirthYear);
        members.add(head);
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
            members.add(person(relation, Math.min(birthYear, latestBirthYear)));
        }
        return new Household(
                REGION + String.format(Locale.ROOT, "%06d", index + 1),
                community,
                "北京市朝阳区" + community.street() + community.name() + (1 + random.nextInt(20)) + "号楼"
                        + (1 + random.nextInt(6)) + "单元" + (101 + random.nextInt(1800)) + "室",
                pick(SURNAMES) + pick(GIVEN),
                "1" + (30 + random.nextInt(60)) + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000)),
                List.copyOf(members));
    }

    /** A person born in {@code birthYear} with a new, valid identity number whose sequence parity is the sex. */
    private Person person(RelationToHead relation, int birthYear) {
        while (true) {
            LocalDate birthDate = LocalDate.of(birthYear, 1 + random.nextInt(12), 1 + random.nextInt(28));
            Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            int sequenceNumber = 2 * random.nextInt(500) + (sex == Sex.MALE ? 1 : 0);
            String body = REGION + birthDate.format(BASIC_DATE) + String.format(Locale.ROOT, "%03d", sequenceNumber);
            String number = body + checkCharacter(body);
            if (identityNumbers.add(number)) {
                return new Person(number, relation, birthDate, sex);
            }
        }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static List<Community> readCommunities() {
        InputStream in = DepartmentFeed.class.getClassLoader().getResourceAsStream(COMMUNITIES);
        if (in == null) {
            throw new IllegalStateException(COMMUNITIES + " (intake's known communities) is not on the class path");
        }
        List<Community> read = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String content = line.replaceFirst("#.*", "").strip();
                if (content.isEmpty()) {
                    continue;
                }
                String[] parts = content.split("\\s+");
                read.add(new Community(parts[0], parts.length > 2 ? parts[2] : "", parts.length > 3 ? parts[3] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COMMUNITIES, e);
        }
        if (read.isEmpty()) {
            throw new IllegalStateException(COMMUNITIES + " lists no community");
        }
        return List.copyOf(read);
    }

    private record Community(String code, String street, String name) {}

    private record Person(String identityNumber, RelationToHead relation, LocalDate birthDate, Sex sex) {}

    private record Household(
            String number, Community community, String address, String headName, String phone, List<Person> members) {}
}
