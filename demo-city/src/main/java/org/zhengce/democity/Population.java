package org.zhengce.democity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;

/**
 * The city's households, each a pure function of (seed, index): nothing is stored but the few identity-number
 * sequences changed to keep numbers unique. Every figure below is an approximation of a published one, cited where
 * it is taken; the generator aims at shapes a reader recognises, not at reproducing any statistic exactly.
 */
final class Population {

    /** The dibao line the scoring model uses (dibaoLineFen of wuchang-2026.1): 1,100 yuan per head per month. */
    static final long DIBAO_LINE_FEN = 110_000;
    /** The low-income line: 1.5 times the dibao line, as most provinces define it (and the model's lowIncomeLineFen). */
    static final long LOW_INCOME_LINE_FEN = 165_000;

    /**
     * Household sizes 1 to 6, in percent. China's 7th census (2020): family households average 2.62 people; about a
     * quarter are one person, three in ten two people, a fifth three. Mean of these weights: 2.6.
     */
    private static final int[] SIZE_WEIGHTS = {25, 30, 21, 13, 7, 4};

    /** Sequences 900 to 999 are kept for the stories' residents, so that no generated person can take one. */
    static final int SEQUENCES = 900;

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"
    };
    /** Roughly the surnames' frequency order in China (王 李 张 刘 陈 about 30 % together). */
    private static final int[] SURNAME_WEIGHTS = {
        72, 71, 68, 53, 45, 31, 20, 19, 18, 17, 14, 14, 13, 12, 11, 10, 9, 9, 9, 8
    };

    private static final String[] MALE_GIVEN = {
        "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "斌", "建国", "建华", "志强", "国庆", "海波", "子轩", "浩然", "宇航", "俊杰", "一鸣"
    };
    private static final String[] FEMALE_GIVEN = {
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "桂兰", "淑珍", "玉兰", "丽华", "晓燕", "雨涵", "欣怡", "梓涵", "思雨", "佳怡", "诗琪"
    };

    private static final DisabilityType[] DISABILITY_TYPES = {
        DisabilityType.PHYSICAL,
        DisabilityType.HEARING,
        DisabilityType.MULTIPLE,
        DisabilityType.VISUAL,
        DisabilityType.MENTAL,
        DisabilityType.INTELLECTUAL,
        DisabilityType.SPEECH
    };
    /**
     * The 2nd national sample survey on disability (2006): physical 29 %, hearing 24 %, multiple 16 %, visual 15 %,
     * mental 7 %, intellectual 7 %, speech 2 %.
     */
    private static final int[] DISABILITY_TYPE_WEIGHTS = {29, 24, 16, 15, 7, 7, 2};

    /** Disability grades 1 to 4: the severe grades 1 and 2 about three in ten. */
    private static final int[] GRADE_WEIGHTS = {12, 18, 30, 40};

    private final long seed;
    private final int count;
    /** The census day: ages are drawn for it, so birth dates (and identity numbers) do not move with the clock. */
    private final LocalDate today;
    /** (index << 8 | member) → the sequence that replaces the drawn one, for the rare identity number drawn twice. */
    private final Map<Long, Integer> sequenceOverrides;

    Population(long seed, int count, LocalDate today) {
        this.seed = seed;
        this.count = count;
        this.today = today;
        this.sequenceOverrides = uniqueSequences();
    }

    int count() {
        return count;
    }

    LocalDate today() {
        return today;
    }

    /** Household {@code index}, the same on every call and every JVM. */
    Household household(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("household " + index + " of " + count);
        }
        return generate(index, sequenceOverrides);
    }

    /**
     * Two passes over the city: the first collects every drawn identity number (17 digits as a long, sorted), the
     * second gives each number drawn more than once, after its first holder, the next free sequence of the same birth
     * date and sex. Memory: one long per resident while it runs, one map entry per collision after.
     */
    private Map<Long, Integer> uniqueSequences() {
        long[] drawn = new long[Math.max(16, count * 3)];
        int n = 0;
        for (int i = 0; i < count; i++) {
            for (Resident r : generate(i, Map.of()).members()) {
                if (n == drawn.length) {
                    drawn = Arrays.copyOf(drawn, drawn.length * 2);
                }
                drawn[n++] = Long.parseLong(r.identityNumber().substring(0, 17));
            }
        }
        long[] sorted = Arrays.copyOf(drawn, n);
        Arrays.sort(sorted);
        Set<Long> twice = new HashSet<>();
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                twice.add(sorted[i]);
            }
        }
        if (twice.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> overrides = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        Set<Long> given = new HashSet<>();
        for (int i = 0; i < count; i++) {
            List<Resident> members = generate(i, Map.of()).members();
            for (int m = 0; m < members.size(); m++) {
                long number = Long.parseLong(members.get(m).identityNumber().substring(0, 17));
                if (!twice.contains(number) || seen.add(number)) {
                    continue;
                }
                long base = number - number % 1000;
                int sequence = (int) (number % 1000);
                long candidate;
                do {
                    sequence = (sequence + 2) % SEQUENCES;
                    candidate = base + sequence;
                } while (Arrays.binarySearch(sorted, candidate) >= 0 || given.contains(candidate));
                given.add(candidate);
                overrides.put(((long) i << 8) | m, sequence);
            }
        }
        return Map.copyOf(overrides);
    }

    private Household generate(int index, Map<Long, Integer> overrides) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
        Community community = Community.DEMO.get(weighted(
                random, Community.DEMO.stream().mapToInt(Community::weight).toArray()));
        List<Draft> drafts = composition(random, 1 + weighted(random, SIZE_WEIGHTS));
        String surname = SURNAMES[weighted(random, SURNAME_WEIGHTS)];
        List<Resident> members = new ArrayList<>(drafts.size());
        for (int m = 0; m < drafts.size(); m++) {
            Draft draft = drafts.get(m);
            Integer override = overrides.get(((long) index << 8) | m);
            members.add(resident(random, draft, surname, override));
        }
        Standing standing = standing(random, members);
        long income = incomePerHead(random, standing);
        boolean assetsAbove = standing == Standing.ORDINARY && random.nextInt(100) < 35;
        String building = (1 + random.nextInt(24)) + "号楼" + (1 + random.nextInt(6)) + "单元" + (1 + random.nextInt(18))
                + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(4)) + "室";
        String phone =
                "1" + (30 + random.nextInt(60)) + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        return new Household(
                index,
                householdNumber(index),
                community,
                "北京市朝阳区" + community.street() + community.name().replace("社区", "") + building,
                members.get(0).name(),
                phone,
                members,
                income,
                assetsAbove,
                standing);
    }

    static String householdNumber(int index) {
        return "110105" + String.format(Locale.ROOT, "%06d", index + 1);
    }

    /** A member before their details: relation, age, sex (null: either). */
    private record Draft(
            RelationToHead relation, int age, @Nullable Sex sex) {}

    /**
     * Who lives together, by size. Shapes after the census's family types: one-person households are young adults
     * or (a third) elderly people living alone; two-person ones mostly couples (a third of them elderly); three to
     * six people are couples with children, often with a grandparent (三代同堂).
     */
    private List<Draft> composition(Random random, int size) {
        List<Draft> drafts = new ArrayList<>(size);
        int roll = random.nextInt(100);
        switch (size) {
            case 1 -> {
                if (roll < 33) {
                    // elderly living alone: more often women (widows)
                    drafts.add(new Draft(
                            RelationToHead.HEAD,
                            between(random, 60, 95),
                            random.nextInt(100) < 62 ? Sex.FEMALE : Sex.MALE));
                } else {
                    drafts.add(new Draft(RelationToHead.HEAD, between(random, 20, 59), null));
                }
            }
            case 2 -> {
                if (roll < 36) {
                    couple(random, drafts, between(random, 60, 90));
                } else if (roll < 80) {
                    couple(random, drafts, between(random, 22, 59));
                } else if (roll < 92) {
                    int head = between(random, 28, 55);
                    drafts.add(new Draft(RelationToHead.HEAD, head, null));
                    drafts.add(new Draft(RelationToHead.CHILD, Math.max(0, head - between(random, 22, 36)), null));
                } else {
                    int head = between(random, 30, 58);
                    drafts.add(new Draft(RelationToHead.HEAD, head, null));
                    drafts.add(new Draft(RelationToHead.PARENT, Math.min(98, head + between(random, 22, 34)), null));
                }
            }
            default -> {
                int head = between(random, 27, 60);
                couple(random, drafts, head);
                int children = size == 3 ? 1 : size == 4 ? (roll < 60 ? 2 : 1) : (roll < 55 ? 2 : 1);
                int parents = size - 2 - children;
                for (int c = 0; c < children; c++) {
                    drafts.add(new Draft(RelationToHead.CHILD, Math.max(0, head - between(random, 23, 36)), null));
                }
                for (int p = 0; p < parents && p < 2; p++) {
                    drafts.add(new Draft(
                            RelationToHead.PARENT,
                            Math.min(98, head + between(random, 22, 34)),
                            p == 0 ? Sex.FEMALE : Sex.MALE));
                }
                for (int g = drafts.size(); g < size; g++) {
                    drafts.add(new Draft(RelationToHead.GRANDCHILD, between(random, 0, 6), null));
                }
                if (size == 3 && roll < 12) {
                    // a couple with the head's parent instead of a child
                    drafts.set(2, new Draft(RelationToHead.PARENT, Math.min(98, head + between(random, 22, 34)), null));
                }
            }
        }
        return drafts;
    }

    private static void couple(Random random, List<Draft> drafts, int headAge) {
        Sex headSex = random.nextInt(100) < 70 ? Sex.MALE : Sex.FEMALE;
        drafts.add(new Draft(RelationToHead.HEAD, headAge, headSex));
        int spouse = Math.max(20, Math.min(98, headAge + between(random, -5, 4)));
        drafts.add(new Draft(RelationToHead.SPOUSE, spouse, headSex == Sex.MALE ? Sex.FEMALE : Sex.MALE));
    }

    private Resident resident(Random random, Draft draft, String surname, @Nullable Integer override) {
        Sex sex = draft.sex() != null ? draft.sex() : (random.nextBoolean() ? Sex.MALE : Sex.FEMALE);
        int age = draft.age();
        LocalDate birthDate = today.minusYears(age).minusDays(1 + random.nextInt(364));
        int drawn = 2 * random.nextInt(SEQUENCES / 2) + (sex == Sex.MALE ? 1 : 0);
        int sequence = override != null ? override : drawn;
        String number = IdentityNumbers.of(birthDate, sequence);
        boolean sameSurname = draft.relation() != RelationToHead.SPOUSE && draft.relation() != RelationToHead.PARENT;
        String family = sameSurname ? surname : SURNAMES[weighted(random, SURNAME_WEIGHTS)];
        String[] given = sex == Sex.MALE ? MALE_GIVEN : FEMALE_GIVEN;
        // older people got older names, children newer ones: the lists run from old-fashioned to current
        int half = given.length / 2;
        String name = family
                + given[age >= 35 ? random.nextInt(half + 5) : half - 5 + random.nextInt(given.length - half + 5)];
        IllnessCategory illness = illness(random, age);
        int grade = disabilityGrade(random, age);
        DisabilityType type = grade == 0 ? null : DISABILITY_TYPES[weighted(random, DISABILITY_TYPE_WEIGHTS)];
        // about 45 % of disabled people hold a certificate (CDPF: about 38 million certificate holders, 2.7 % of the
        // population, against the survey's 6.3 %); the severe grades more often
        boolean certified = grade > 0 && random.nextInt(100) < (grade <= 2 ? 70 : 35);
        Activity activity = activity(random, age, sex, grade);
        return new Resident(number, name, draft.relation(), birthDate, sex, activity, illness, grade, type, certified);
    }

    /**
     * A certified illness, by age. Certified chronic illness (门诊慢特病) rises from about 2 % of young adults to a
     * fifth of people over 60 and three in ten over 80 (hypertension alone affects 27.5 % of adults: NHC 2020, most
     * uncertified); serious illness (大病) 0.3 % to 3 %; registered severe mental disorders about 0.45 % of adults
     * (NHC: about 6.6 million registered); rare diseases 0.03 %.
     */
    private static @Nullable IllnessCategory illness(Random random, int age) {
        int permyriad = random.nextInt(10_000);
        int serious = age < 18 ? 20 : age < 45 ? 50 : age < 60 ? 150 : 300;
        int mental = age < 18 ? 5 : 45;
        int rare = 3;
        int chronic = age < 18 ? 50 : age < 45 ? 200 : age < 60 ? 800 : age < 80 ? 2000 : 3000;
        if ((permyriad -= serious) < 0) {
            return IllnessCategory.SERIOUS;
        }
        if ((permyriad -= mental) < 0) {
            return IllnessCategory.SEVERE_MENTAL;
        }
        if ((permyriad -= rare) < 0) {
            return IllnessCategory.RARE;
        }
        return permyriad < chronic ? IllnessCategory.CHRONIC : null;
    }

    /**
     * A disability grade (0: none), by age: 1.2 % under 15, 3.5 % of working age, 14 % from 60 and 32 % from 80, which
     * gives the 2006 survey's 6.3 % on Beijing's age structure.
     */
    private static int disabilityGrade(Random random, int age) {
        int permille = age < 15 ? 12 : age < 60 ? 35 : age < 80 ? 140 : 320;
        if (random.nextInt(1000) >= permille) {
            return 0;
        }
        return 1 + weighted(random, GRADE_WEIGHTS);
    }

    /**
     * What a resident does: school to 18 (and about half of 18–22 year olds at university), retired from 60 (men) or 55
     * (women); of working age about 88 % of men and 72 % of women in the labour force, of whom 5 % unemployed (NBS
     * urban surveyed unemployment, about 5 %); severely disabled adults rarely work.
     */
    private static Activity activity(Random random, int age, Sex sex, int disabilityGrade) {
        if (age < 3) {
            return Activity.CHILD;
        }
        if (age < 18) {
            return Activity.STUDENT;
        }
        if (age < 23 && random.nextInt(100) < 55) {
            return Activity.STUDENT;
        }
        if (age >= (sex == Sex.MALE ? 60 : 55)) {
            return Activity.RETIRED;
        }
        if (disabilityGrade > 0 && disabilityGrade <= 2 && random.nextInt(100) < 80) {
            return Activity.NOT_WORKING;
        }
        if (random.nextInt(100) >= (sex == Sex.MALE ? 88 : 72)) {
            return Activity.NOT_WORKING;
        }
        return random.nextInt(100) < 5 ? Activity.UNEMPLOYED : Activity.EMPLOYED;
    }

    /**
     * The household's standing. Base shares of households: dibao 0.8 %, extreme-poverty support 0.15 % (people
     * living alone, old or disabled), registered low-income 1.5 %, unregistered low-income 1.5 %, hidden poverty
     * 0.6 %; each multiplied by 1 + 2.5 per vulnerability (severe disability, serious illness or severe mental
     * disorder, an unemployed member, nobody employed in a working-age household, a single parent). On this city that
     * puts about 1.5 % of residents on dibao, in the 1–2 % range of urban China (MCA: about 6.6 million urban dibao
     * recipients, 0.7 % of urban residents; more in old inner-city neighbourhoods like these).
     */
    private Standing standing(Random random, List<Resident> members) {
        int vulnerabilities = 0;
        boolean anyEmployed = false;
        boolean anyWorkingAge = false;
        for (Resident r : members) {
            if (r.disabilityGrade() > 0 && r.disabilityGrade() <= 2) {
                vulnerabilities++;
            }
            if (r.illness() == IllnessCategory.SERIOUS || r.illness() == IllnessCategory.SEVERE_MENTAL) {
                vulnerabilities++;
            }
            if (r.activity() == Activity.UNEMPLOYED) {
                vulnerabilities++;
            }
            anyEmployed |= r.activity() == Activity.EMPLOYED;
            anyWorkingAge |= r.activity() == Activity.EMPLOYED
                    || r.activity() == Activity.UNEMPLOYED
                    || r.activity() == Activity.NOT_WORKING;
        }
        if (anyWorkingAge && !anyEmployed) {
            vulnerabilities++;
        }
        if (members.size() >= 2
                && members.stream().noneMatch(r -> r.relation() == RelationToHead.SPOUSE)
                && members.stream().anyMatch(r -> r.relation() == RelationToHead.CHILD)) {
            vulnerabilities++;
        }
        double boost = 1 + 2.5 * vulnerabilities;
        double roll = random.nextDouble() * 100;
        boolean alone = members.size() == 1;
        if (alone && (roll -= 0.15 * boost * 4) < 0) {
            // counted against one-person households only (a quarter of all): 0.15 % of households overall
            return vulnerabilities > 0 || members.get(0).ageOn(today) >= 60 ? Standing.EXTREME_POVERTY : Standing.DIBAO;
        }
        if ((roll -= 0.8 * boost) < 0) {
            return Standing.DIBAO;
        }
        if ((roll -= 1.5 * boost) < 0) {
            return Standing.LOW_INCOME;
        }
        if ((roll -= 1.5 * boost) < 0) {
            return Standing.LOW_INCOME_UNREGISTERED;
        }
        if ((roll -= 0.6 * boost) < 0) {
            return Standing.HIDDEN_POOR;
        }
        return Standing.ORDINARY;
    }

    /**
     * Monthly income per head in fen. Ordinary households: log-normal with a median of 5,600 yuan and σ 0.55
     * (Beijing's 2023 disposable income per head: about 81,800 yuan a year, 6,800 a month on average; medians run
     * near 0.85 of the mean), never below the low-income line; the others within their lines.
     */
    private static long incomePerHead(Random random, Standing standing) {
        double share = switch (standing) {
            case DIBAO -> 0.15 + 0.75 * random.nextDouble();
            case EXTREME_POVERTY -> 0.3 * random.nextDouble();
            case HIDDEN_POOR -> 0.4 + 0.55 * random.nextDouble();
            case LOW_INCOME, LOW_INCOME_UNREGISTERED -> 1.0 + 0.49 * random.nextDouble();
            case ORDINARY -> -1;
        };
        if (share >= 0) {
            return Math.round(DIBAO_LINE_FEN * share / 100.0) * 100;
        }
        double income = 560_000 * Math.exp(0.55 * random.nextGaussian());
        return Math.max(LOW_INCOME_LINE_FEN + 10_000, Math.round(income / 100.0) * 100);
    }

    static int between(Random random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int ticket = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            ticket -= weights[i];
            if (ticket < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
