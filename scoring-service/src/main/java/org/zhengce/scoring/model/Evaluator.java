package org.zhengce.scoring.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;
import org.zhengce.events.Programme;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.model.ModelReader.Definition;
import org.zhengce.scoring.model.PortraitRows.Row;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Programmes;
import org.zhengce.scoring.portrait.Source;

/**
 * Scores one portrait at one instant, and tells the instant after it at which that score next changes. One per model
 * version, compiled when the model is read: fact types become kind numbers, selectors and conditions slots of the
 * values each fact is read into ({@link FactKinds}, {@link CompiledSelector}), so that an assessment reads and sorts
 * the portrait's facts once ({@link PortraitRows}) and evaluates it with no map keyed by name. Thread-safe: what it
 * keeps besides the compiled model is the birthdays worked out, by birth date.
 *
 * <p>The next change is found from the one evaluation when it can be told from it: the earliest boundary after
 * {@code now} (of every fact's window, decay step, future date, birthday or programme end) is certainly a change when
 * it is a fact that gives points leaving its window, or an uncapped decaying fact's next step (its points drop). Only
 * when the earliest boundary is one that may change nothing (a fact capped away, a fact not passing its rule's
 * conditions, a future fact, a birthday...) are later instants evaluated, on the same prepared rows, up to
 * {@link #MAX_STEPS}.
 */
final class Evaluator {

    /** How many candidate instants {@link #nextChange} tries before settling for the last one tried. */
    static final int MAX_STEPS = 64;

    /**
     * The assessment at one instant (without its next change), the instants after it worth trying, and those of them
     * at which the assessment certainly differs.
     */
    record Outcome(Assessment assessment, NavigableSet<Instant> candidates, Set<Instant> certain) {}

    /** A rule compiled: its selector, the slot of its {@code per} field, its window in milliseconds. */
    private record CompiledRule(
            Rule rule, CompiledSelector selector, int perSlot, long windowMillis, boolean ofMembers) {}

    /**
     * A fact's points in a rule after the caps, with its decay's next step (and the points before the caps, which
     * the step certainly changes only when the caps did not trim them).
     */
    private record Given(
            Row row,
            CompiledRule rule,
            int points,
            int uncapped,
            @Nullable Instant step) {

        Given capped(int room) {
            return new Given(row, rule, room, uncapped, step);
        }
    }

    /** One evaluation: its assessment, what gave its points, and its candidate instants. */
    private record Evaluation(Assessment assessment, List<Given> given, Candidates candidates) {}

    private final Definition model;
    private final FactKinds kinds = new FactKinds();
    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<CompiledSelector> edges = new ArrayList<>();
    private final List<Categories.Edge> edgeDefinitions;
    private final int selectors;
    private final int granted;
    private final Set<Programme> assistanceProgrammes;
    private final int[] ageThresholds;
    private final WarningLevel[] levels;
    private final int[] lines;
    private final @Nullable Integer[] dimensionCaps;
    /**
     * By birth date, from {@link #FIRST_BIRTH_DATE}: the instants of the ages the model tells apart, worked out at the
     * first household that needs them (an array indexed by day: a hash map keyed by dates was itself a hot spot), and
     * shared with the other versions of the same zone and ages ({@link #BIRTHDAYS}).
     */
    private final AtomicReferenceArray<Instant[]> birthdays;

    /** The zone and ages of a model's birthdays. */
    private record AgeBands(ZoneId zone, List<Integer> ages) {}

    /** The birthdays of the models of a few zones and ages, shared: a new version or instance starts warm. */
    private static final Map<AgeBands, AtomicReferenceArray<Instant[]>> BIRTHDAYS = new ConcurrentHashMap<>();

    /** How many zones and ages {@link #BIRTHDAYS} shares (about 300 KB each); a model beyond keeps its own. */
    private static final int AGE_BANDS_SHARED = 8;

    /** The first birth date whose birthdays are kept; {@link #BIRTH_DATES_KEPT} days from it (two centuries). */
    private static final long FIRST_BIRTH_DATE = LocalDate.of(1900, 1, 1).toEpochDay();

    private static final int BIRTH_DATES_KEPT = (int) (LocalDate.of(2100, 1, 1).toEpochDay() - FIRST_BIRTH_DATE);

    Evaluator(Definition model) {
        this.model = model;
        int selector = 0;
        for (Rule rule : model.rules()) {
            CompiledSelector compiled = new CompiledSelector(selector++, rule.selector(), kinds);
            Rule.Per per = rule.per();
            rules.add(new CompiledRule(
                    rule,
                    compiled,
                    per == null ? -1 : kinds.slot(compiled.kinds()[0], per.field()),
                    rule.selector().window() == null
                            ? 0
                            : rule.selector().window().toMillis(),
                    rule.selector().facts().contains(FactFields.MEMBER)));
        }
        this.edgeDefinitions = model.categories().edges();
        for (Categories.Edge edge : edgeDefinitions) {
            edges.add(new CompiledSelector(selector++, edge.selector(), kinds));
        }
        this.selectors = selector;
        this.granted = kinds.kind("AssistanceGranted");
        kinds.freeze();
        this.assistanceProgrammes = model.categories().assistanceProgrammes().isEmpty()
                ? EnumSet.noneOf(Programme.class)
                : EnumSet.copyOf(model.categories().assistanceProgrammes());
        this.ageThresholds =
                ageThresholds(model).stream().mapToInt(Integer::intValue).toArray();
        AgeBands bands =
                new AgeBands(model.zone(), Arrays.stream(ageThresholds).boxed().toList());
        AtomicReferenceArray<Instant[]> shared = BIRTHDAYS.size() < AGE_BANDS_SHARED
                ? BIRTHDAYS.computeIfAbsent(bands, b -> new AtomicReferenceArray<>(BIRTH_DATES_KEPT))
                : BIRTHDAYS.get(bands);
        this.birthdays = shared != null ? shared : new AtomicReferenceArray<>(BIRTH_DATES_KEPT);
        this.levels = model.thresholds().keySet().toArray(WarningLevel[]::new);
        this.lines =
                model.thresholds().values().stream().mapToInt(Integer::intValue).toArray();
        this.dimensionCaps = new Integer[ScoringModel.DIMENSIONS.size()];
        for (int d = 0; d < dimensionCaps.length; d++) {
            dimensionCaps[d] = model.caps().get(ScoringModel.DIMENSIONS.get(d));
        }
    }

    /** The ages the model's conditions on members tell apart (each, and the year after), and the dependants' bounds. */
    private static Set<Integer> ageThresholds(Definition model) {
        Set<Integer> thresholds = new TreeSet<>();
        thresholds.add(model.categories().dependantsBelow());
        thresholds.add(model.categories().dependantsAtLeast());
        List<Selector> selectors = new ArrayList<>();
        model.rules().forEach(rule -> selectors.add(rule.selector()));
        model.categories().edges().forEach(edge -> selectors.add(edge.selector()));
        for (Selector selector : selectors) {
            if (selector.facts().contains(FactFields.MEMBER)) {
                for (Condition condition : selector.where()) {
                    if (condition.field().equals("age")) {
                        for (Object value : condition.values()) {
                            int age = (int) Math.min(200, Math.max(0, ((Number) value).longValue()));
                            thresholds.add(age);
                            thresholds.add(age + 1);
                        }
                    }
                }
            }
        }
        return thresholds;
    }

    /** The assessment at {@code now}, with the earliest later instant at which it differs. */
    Assessment assess(Portrait portrait, Instant now) {
        PortraitRows rows = prepare(portrait);
        Evaluation first = evaluate(rows, now, new Candidates.Earliest(now));
        return first.assessment().withNextChangeAt(nextChange(rows, now, first));
    }

    private @Nullable Instant nextChange(PortraitRows rows, Instant now, Evaluation first) {
        Instant earliest = first.candidates().earliest();
        if (earliest == null) {
            return null;
        }
        if (certainlyChangesAt(first.given(), now, earliest)) {
            // told from the one evaluation: the earliest boundary is certainly a change
            return earliest;
        }
        Evaluation current = first;
        Instant tried = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant next = current.candidates().earliest();
            if (next == null) {
                return null;
            }
            tried = next;
            Evaluation then = evaluate(rows, tried, new Candidates.Earliest(tried));
            if (!then.assessment().sameOutcomeAs(first.assessment())) {
                return tried;
            }
            current = then;
        }
        // nothing changed in MAX_STEPS candidate instants: ask to be re-scored at the last one tried
        return tried;
    }

    /** The first candidate instant at which the assessment differs, by evaluating each (at most {@link #MAX_STEPS}). */
    @Nullable
    Instant searchedChange(Portrait portrait, Outcome first) {
        PortraitRows rows = prepare(portrait);
        Outcome current = first;
        Instant tried = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            if (current.candidates().isEmpty()) {
                return null;
            }
            tried = current.candidates().first();
            Outcome then = outcome(rows, tried);
            if (!then.assessment().sameOutcomeAs(first.assessment())) {
                return tried;
            }
            current = then;
        }
        // nothing changed in MAX_STEPS candidate instants: ask to be re-scored at the last one tried
        return tried;
    }

    /** The assessment at {@code at} with every candidate instant after it, and those certainly a change. */
    Outcome evaluate(Portrait portrait, Instant at) {
        return outcome(prepare(portrait), at);
    }

    private Outcome outcome(PortraitRows rows, Instant at) {
        Candidates.All candidates = new Candidates.All(at);
        Evaluation evaluation = evaluate(rows, at, candidates);
        Set<Instant> certain = new HashSet<>();
        for (Instant candidate : candidates.all()) {
            if (certainlyChangesAt(evaluation.given(), at, candidate)) {
                certain.add(candidate);
            }
        }
        return new Outcome(evaluation.assessment(), candidates.all(), certain);
    }

    private PortraitRows prepare(Portrait portrait) {
        return new PortraitRows(portrait, kinds, this::birthdays, selectors);
    }

    /**
     * The instants at which someone born on {@code birthDate} reaches each age the model tells apart, sorted; worked
     * out once per birth date (a day's start in the model's zone is a search of its offset rules).
     */
    private Instant[] birthdays(LocalDate birthDate) {
        long day = birthDate.toEpochDay() - FIRST_BIRTH_DATE;
        if (day < 0 || day >= BIRTH_DATES_KEPT) {
            return birthdaysOf(birthDate);
        }
        Instant[] known = birthdays.get((int) day);
        if (known == null) {
            // two threads may both work them out: the same instants
            known = birthdaysOf(birthDate);
            birthdays.set((int) day, known);
        }
        return known;
    }

    private Instant[] birthdaysOf(LocalDate born) {
        Instant[] days = new Instant[ageThresholds.length];
        for (int i = 0; i < days.length; i++) {
            days[i] =
                    born.plusYears(ageThresholds[i]).atStartOfDay(model.zone()).toInstant();
        }
        Arrays.sort(days);
        return days;
    }

    private Evaluation evaluate(PortraitRows rows, Instant at, Candidates candidates) {
        LocalDate today = LocalDate.ofInstant(at, model.zone());
        rows.addTimes(candidates);

        List<List<Given>> byDimension = new ArrayList<>(dimensionCaps.length);
        for (int d = 0; d < dimensionCaps.length; d++) {
            byDimension.add(new ArrayList<>());
        }
        for (CompiledRule rule : rules) {
            List<Row> selected = rule.selector().select(rows, at, today, candidates);
            if (!selected.isEmpty()) {
                byDimension
                        .get(ScoringModel.DIMENSIONS.indexOf(rule.rule().dimension()))
                        .addAll(score(rule, selected, at, candidates));
            }
        }
        Map<Dimension, Integer> dimensions = new EnumMap<>(Dimension.class);
        List<Given> given = new ArrayList<>();
        int total = 0;
        for (int d = 0; d < dimensionCaps.length; d++) {
            List<Given> capped = capped(byDimension.get(d), dimensionCaps[d]);
            int points = 0;
            for (Given g : capped) {
                points += g.points();
            }
            dimensions.put(ScoringModel.DIMENSIONS.get(d), points);
            total += points;
            given.addAll(capped);
        }

        boolean assisted = assisted(rows, at, today, candidates);
        boolean edge = edge(rows, at, today, candidates);
        WarningLevel reached = null;
        int reachedLine = 0;
        for (int i = 0; i < levels.length; i++) {
            if (total >= lines[i]) {
                reached = levels[i];
                reachedLine = lines[i];
            }
        }
        WarningCategory category = null;
        WarningLevel level = null;
        int threshold = lines[0];
        Categories categories = model.categories();
        if (reached != null) {
            threshold = reachedLine;
            level = reached;
            if (assisted) {
                category = WarningCategory.ASSISTANCE_INSUFFICIENT;
            } else if (edge && categories.earlyWarningOverTheLine()) {
                category = WarningCategory.EARLY_WARNING;
                level = reached.ordinal() >= categories.earlyWarningLevel().ordinal()
                        ? reached
                        : categories.earlyWarningLevel();
            } else {
                category = WarningCategory.ASSISTANCE_MISSING;
            }
        } else if (!assisted && edge) {
            category = WarningCategory.EARLY_WARNING;
            level = categories.earlyWarningLevel();
        }
        List<Contribution> contributions = new ArrayList<>(given.size());
        for (Given g : given) {
            Source source = g.row().source;
            contributions.add(new Contribution(
                    source.department(),
                    source.platformEventId(),
                    source.eventType(),
                    source.occurredAt(),
                    g.rule().rule().dimension(),
                    g.points(),
                    g.rule().rule().id()));
        }
        Assessment assessment =
                new Assessment(model.version(), dimensions, total, contributions, category, level, threshold, null);
        return new Evaluation(assessment, given, candidates);
    }

    /**
     * True when the assessment certainly differs at {@code candidate}: a contribution (after the caps) leaves its
     * rule's window then, or an untrimmed contribution's decay takes its next step then (except in rules whose points
     * are a share of a running sum).
     */
    private static boolean certainlyChangesAt(List<Given> given, Instant at, Instant candidate) {
        for (Given g : given) {
            CompiledRule rule = g.rule();
            if (rule.ofMembers()) {
                continue;
            }
            Duration window = rule.rule().selector().window();
            if (window != null) {
                Instant leaves = g.row().occurredAt().plus(window);
                if (leaves.isAfter(at) && leaves.equals(candidate)) {
                    return true;
                }
            }
            Rule.Per per = rule.rule().per();
            if (g.step() != null
                    && g.uncapped() == g.points()
                    && (per == null || !per.summed())
                    && g.step().equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** A rule's contributions: points per fact, decayed, newest first, the rule's cap applied. */
    private static List<Given> score(CompiledRule compiled, List<Row> selected, Instant at, Candidates candidates) {
        Rule rule = compiled.rule();
        List<Given> scored = new ArrayList<>(selected.size());
        long running = 0;
        long given = 0;
        long windowMillis = compiled.windowMillis();
        Rule.Per per = rule.per();
        for (Row row : selected) {
            long base;
            if (per == null) {
                base = rule.points();
            } else {
                Object value = row.values[compiled.perSlot()];
                long amount = value == null ? 0 : Math.max(0, ((Number) value).longValue());
                if (per.summed()) {
                    running += amount;
                    long due = Math.multiplyExact(running / per.unit(), (long) rule.points());
                    base = due - given;
                    given = due;
                } else {
                    base = Math.multiplyExact(amount / per.unit(), (long) rule.points());
                }
            }
            int baseInt = (int) Math.min(Integer.MAX_VALUE, base);
            long age = at.toEpochMilli() - row.occurredAt().toEpochMilli();
            int points = rule.decay().points(baseInt, age, windowMillis);
            if (points > 0) {
                Instant step = nextStep(rule.decay(), baseInt, points, row.occurredAt(), age, windowMillis);
                if (step != null) {
                    candidates.add(step);
                }
                scored.add(new Given(row, compiled, points, points, step));
            }
        }
        List<Given> newestFirst = new ArrayList<>(scored.size());
        for (int i = scored.size() - 1; i >= 0; i--) {
            newestFirst.add(scored.get(i));
        }
        return capped(newestFirst, rule.cap());
    }

    /**
     * The first instant after {@code age} at which a decaying fact gives fewer points than now, if before its window
     * ends (when it leaves the window, that is a candidate of its own).
     */
    private static @Nullable Instant nextStep(
            Decay decay, int base, int points, Instant occurredAt, long age, long windowMillis) {
        if (decay instanceof Decay.None) {
            return null;
        }
        long end = windowMillis > 0 ? windowMillis : decay.horizon(base);
        if (decay.points(base, end, windowMillis) >= points) {
            return null;
        }
        long lo = age;
        long hi = end;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (decay.points(base, mid, windowMillis) < points) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return occurredAt.plusMillis(hi);
    }

    /** Keeps contributions in order up to the cap: the one that crosses it is trimmed, those after it dropped. */
    private static List<Given> capped(List<Given> given, @Nullable Integer cap) {
        if (cap == null) {
            return given;
        }
        List<Given> kept = new ArrayList<>(given.size());
        int room = cap;
        for (Given g : given) {
            if (room <= 0) {
                break;
            }
            int points = Math.min(room, g.points());
            kept.add(points == g.points() ? g : g.capped(points));
            room -= points;
        }
        return kept;
    }

    /**
     * True when the household (or a current member) is in one of the assistance programmes on {@code today}; the day
     * after a fixed period ends is a candidate.
     */
    private boolean assisted(PortraitRows rows, Instant at, LocalDate today, Candidates candidates) {
        boolean assisted = false;
        Row[] grants = rows.rows(granted, today);
        int n = PortraitRows.count(grants, granted, at);
        for (int i = 0; i < n; i++) {
            Programmes.Active grant = (Programmes.Active) grants[i].fact;
            if (!assistanceProgrammes.contains(grant.programme())) {
                continue;
            }
            if (grant.coversDay(today)) {
                assisted = true;
                if (grant.endDate() != null) {
                    candidates.add(grant.endDate()
                            .plusDays(1)
                            .atStartOfDay(model.zone())
                            .toInstant());
                }
            }
        }
        return assisted;
    }

    /** True when an early-warning edge condition holds. */
    private boolean edge(PortraitRows rows, Instant at, LocalDate today, Candidates candidates) {
        boolean holds = false;
        Categories categories = model.categories();
        boolean dependants = false;
        for (Row member : rows.rows(FactKinds.MEMBER, today)) {
            int age = ((FactFields.MemberFact) member.fact).age();
            if (age < categories.dependantsBelow() || age >= categories.dependantsAtLeast()) {
                dependants = true;
                break;
            }
        }
        for (int i = 0; i < edges.size(); i++) {
            List<Row> found = edges.get(i).select(rows, at, today, candidates);
            if (!found.isEmpty() && (!edgeDefinitions.get(i).withDependants() || dependants)) {
                holds = true;
            }
        }
        return holds;
    }
}
