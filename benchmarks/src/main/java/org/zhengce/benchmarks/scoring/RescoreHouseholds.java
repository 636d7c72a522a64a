package org.zhengce.benchmarks.scoring;

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
import org.zhengce.events.Department;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.Member;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;

/**
 * The households a model switch re-scores: each registered (one to five members, as {@code CityFeed} makes them)
 * and then given an economic check whose income per head is below the dibao line with assets within limits, so that
 * every household scores on {@code economic.below-dibao-line} and a change of that rule's points changes every
 * household's total ({@link RescoreModels}). Deterministic from the seed and {@code now}; every event is a household
 * fact keyed by its household number, the registration first.
 */
public final class RescoreHouseholds {

    /** Wuchang's size: the households a model switch re-scores in the issue's goal. */
    public static final int WUCHANG_HOUSEHOLDS = 130_000;

    private static final String DISTRICT = "420106";
    private static final String KEY_ID = "k2026-01";
    /** 低保标准 of the default model ({@code dibaoLineFen}): every check is below it. */
    static final long DIBAO_LINE_FEN = 110_000;

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "建国"};
    private static final String[] STREETS = {"中南路街道", "水果湖街道", "珞珈山街道", "石洞街道", "首义路街道", "紫阳街道"};
    private static final String[] CHECK_NOTES = {"申请低保，收入核对完成", "复核", "临时救助申请核对"};

    private final Random random;
    private final Instant now;
    private long sequence;

    private RescoreHouseholds(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    /**
     * Two events per household, {@code households} households: its registration (60 to 400 days before {@code now})
     * and then its economic check (1 to 200 days before {@code now}, inside the rule's one-year window).
     */
    public static List<HouseholdEvent> generate(long seed, int households, Instant now) {
        RescoreHouseholds generator = new RescoreHouseholds(seed, now);
        List<HouseholdEvent> events = new ArrayList<>(households * 2);
        for (int i = 0; i < households; i++) {
            generator.household(i, events);
        }
        return events;
    }

    /** The record key the topology requires: the subject, UTF-8 (for these events always the household number). */
    public static byte[] key(HouseholdEvent event) {
        String subject = event.getSubject() instanceof HouseholdNumber household
                ? household.getValue()
                : ((PersonPseudonym) event.getSubject()).getValue();
        return subject.getBytes(StandardCharsets.UTF_8);
    }

    private void household(int index, List<HouseholdEvent> out) {
        String number = DISTRICT + String.format("%06d", index + 1);
        int street = 1 + random.nextInt(STREETS.length);
        String communityCode = DISTRICT + String.format("%03d%03d", street, 1 + random.nextInt(30));
        Instant registeredAt = now.minus(Duration.ofDays(60 + random.nextInt(340)));
        Instant checkedAt = now.minus(Duration.ofDays(1 + random.nextInt(200)));
        HouseholdRegistered registered = new HouseholdRegistered(
                communityCode,
                "武昌区" + STREETS[street - 1] + (1 + random.nextInt(40)) + "栋" + (1 + random.nextInt(6)) + "单元"
                        + (101 + random.nextInt(1800)) + "室",
                SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)],
                "1" + (30 + random.nextInt(60)) + String.format("%08d", random.nextInt(100_000_000)),
                members());
        EconomicCheckDone check = new EconomicCheckDone(
                20_000L + random.nextInt((int) (DIBAO_LINE_FEN - 20_000)),
                false,
                random.nextInt(4) == 0 ? CHECK_NOTES[random.nextInt(CHECK_NOTES.length)] : null);
        out.add(event(number, communityCode, registeredAt, registered));
        out.add(event(number, communityCode, checkedAt, check));
    }

    private List<Member> members() {
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
        return List.copyOf(members);
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

    private HouseholdEvent event(String household, String communityCode, Instant occurredAt, SpecificRecord fact) {
        sequence++;
        return HouseholdEvent.newBuilder()
                .setEventId("CIV-2026-R" + String.format("%08d", sequence))
                .setDepartment(Department.CIVIL_AFFAIRS)
                .setOccurredAt(occurredAt)
                .setReportedAt(occurredAt.plus(Duration.ofHours(1 + random.nextInt(47))))
                .setSubject(new HouseholdNumber(household))
                .setPlatformEventId(new UUID(
                                (random.nextLong() & ~0xF000L) | 0x4000L,
                                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                        .toString())
                .setCommunityCode(communityCode)
                .setFact(fact)
                .build();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
