package org.zhengce.scoring.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Dimension;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.model.ModelReader.Definition;
import org.zhengce.scoring.portrait.Fact;
import org.zhengce.scoring.portrait.HouseholdMember;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Programmes;
import org.zhengce.scoring.portrait.Source;

/**
 * The model's evaluation as it was before it was compiled ({@link Evaluator}): rows collected into maps keyed by event
 * type, sorted, fields read by name, at every evaluation. Kept, unchanged, as the straightforward reference the
 * compiled evaluation must agree with exactly ({@code CompiledEvaluationTest}).
 */
final class ReferenceEvaluator {

    /** How many candidate instants {@link #nextChange} tries before settling for the last one tried. */
    static final int MAX_STEPS = 64;

    /** A fact as rules see it: its type, subject, source and fields. */
    private record Row(String type, @Nullable String person, Source source, Record fact) {

        static final Comparator<Row> CHRONOLOGICAL = Comparator.comparing(Row::source, Source.CHRONOLOGICAL);

        Instant occurredAt() {
            return source.occurredAt();
        }
    }

    /** A fact's points in a rule, after decay, before the caps. */
    private record Scored(Row row, int points) {}

    /**
     * The assessment at one instant (without its next change), the instants after it worth trying, and those of them
     * at which the assessment certainly differs.
     */
    record Outcome(Assessment assessment, NavigableSet<Instant> candidates, Set<Instant> certain) {}

    /** A decaying fact's points in a rule before the caps, and when they next drop. */
    private record Step(int points, Instant at) {}

    private final Definition model;
    private final Set<Integer> ageThresholds;
    private final Map<String, Rule> rulesById = new HashMap<>();

    ReferenceEvaluator(Definition model) {
        this.model = model;
        model.rules().forEach(rule -> rulesById.put(rule.id(), rule));
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
        this.ageThresholds = Set.copyOf(thresholds);
    }

    /** The assessment at {@code now}, with the earliest later instant at which it differs. */
    Assessment assess(Portrait portrait, Instant now) {
        Outcome first = evaluate(portrait, now);
        return first.assessment().withNextChangeAt(nextChange(portrait, first));
    }

    private @Nullable Instant nextChange(Portrait portrait, Outcome first) {
        if (first.candidates().isEmpty()) {
            return null;
        }
        if (first.certain().contains(first.candidates().first())) {
            // told from the one evaluation: the earliest boundary is certainly a change
            return first.candidates().first();
        }
        return searchedChange(portrait, first);
    }

    /** The first candidate instant at which the assessment differs, by evaluating each (at most {@link #MAX_STEPS}). */
    @Nullable
    Instant searchedChange(Portrait portrait, Outcome first) {
        Outcome current = first;
        Instant tried = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            if (current.candidates().isEmpty()) {
                return null;
            }
            tried = current.candidates().first();
            Outcome then = evaluate(portrait, tried);
            if (!then.assessment().sameOutcomeAs(first.assessment())) {
                return tried;
            }
            current = then;
        }
        // nothing changed in MAX_STEPS candidate instants: ask to be re-scored at the last one tried
        return tried;
    }

    Outcome evaluate(Portrait portrait, Instant at) {
        TreeSet<Instant> candidates = new TreeSet<>();
        LocalDate today = LocalDate.ofInstant(at, model.zone());
        Map<String, List<Row>> rows = rows(portrait, at, today, candidates);

        Map<Dimension, List<Contribution>> byDimension = new EnumMap<>(Dimension.class);
        Map<String, Step> steps = new HashMap<>();
        for (Rule rule : model.rules()) {
            List<Contribution> given =
                    score(rule, select(rule.selector(), rows, at, candidates), at, candidates, steps);
            byDimension
                    .computeIfAbsent(rule.dimension(), d -> new ArrayList<>())
                    .addAll(given);
        }
        Map<Dimension, Integer> dimensions = new EnumMap<>(Dimension.class);
        List<Contribution> contributions = new ArrayList<>();
        for (Dimension dimension : ScoringModel.DIMENSIONS) {
            List<Contribution> capped = capped(
                    byDimension.getOrDefault(dimension, List.of()), model.caps().get(dimension));
            dimensions.put(
                    dimension, capped.stream().mapToInt(Contribution::points).sum());
            contributions.addAll(capped);
        }
        int total = dimensions.values().stream().mapToInt(Integer::intValue).sum();

        boolean assisted = assisted(rows, today, candidates);
        boolean edge = edge(rows, at, candidates);
        WarningLevel reached = null;
        for (Map.Entry<WarningLevel, Integer> line : model.thresholds().entrySet()) {
            if (total >= line.getValue()) {
                reached = line.getKey();
            }
        }
        int lowest = model.thresholds().values().iterator().next();
        WarningCategory category = null;
        WarningLevel level = null;
        int threshold = lowest;
        Categories categories = model.categories();
        if (reached != null) {
            threshold = model.thresholds().get(reached);
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
        Assessment assessment =
                new Assessment(model.version(), dimensions, total, contributions, category, level, threshold, null);
        return new Outcome(assessment, candidates.tailSet(at, false), certainChanges(contributions, steps, at));
    }

    /**
     * The instants at which the assessment certainly differs, from its contributions after the caps: a contribution
     * leaving its rule's window (it is gone then), and the next decay step of a contribution the caps did not trim
     * (it gives fewer points then), except in rules whose points are a share of a running sum.
     */
    private Set<Instant> certainChanges(List<Contribution> contributions, Map<String, Step> steps, Instant at) {
        Set<Instant> certain = new HashSet<>();
        for (Contribution contribution : contributions) {
            Rule rule = rulesById.get(contribution.rule());
            if (rule == null || rule.selector().facts().contains(FactFields.MEMBER)) {
                continue;
            }
            Duration window = rule.selector().window();
            if (window != null) {
                Instant leaves = contribution.occurredAt().plus(window);
                if (leaves.isAfter(at)) {
                    certain.add(leaves);
                }
            }
            Step step = steps.get(rule.id() + "|" + contribution.eventId());
            if (step != null
                    && step.points() == contribution.points()
                    && (rule.per() == null || !rule.per().summed())) {
                certain.add(step.at());
            }
        }
        return certain;
    }

    /**
     * The facts rules may see, by type: the household's and its current members' facts that happened by {@code at}
     * (later ones are candidates), and the derived {@code Member} facts with their age on {@code today}.
     */
    private Map<String, List<Row>> rows(Portrait portrait, Instant at, LocalDate today, Set<Instant> candidates) {
        Set<String> members = new HashSet<>();
        Map<String, List<Row>> rows = new HashMap<>();
        List<Row> memberRows = new ArrayList<>();
        for (HouseholdMember member : portrait.members()) {
            members.add(member.person());
            memberRows.add(new Row(
                    FactFields.MEMBER,
                    member.person(),
                    member.source(),
                    new FactFields.MemberFact(
                            member.relationToHead(),
                            member.sex(),
                            member.birthDate(),
                            member.ageOn(today),
                            member.source())));
            for (int age : ageThresholds) {
                Instant birthday = member.birthDate()
                        .plusYears(age)
                        .atStartOfDay(model.zone())
                        .toInstant();
                if (birthday.isAfter(at)) {
                    candidates.add(birthday);
                }
            }
        }
        rows.put(FactFields.MEMBER, memberRows);
        for (Fact fact : portrait.facts()) {
            if (fact.person() != null && !members.contains(fact.person())) {
                continue;
            }
            if (fact.source().occurredAt().isAfter(at)) {
                candidates.add(fact.source().occurredAt());
                continue;
            }
            rows.computeIfAbsent(fact.source().eventType(), t -> new ArrayList<>())
                    .add(new Row(fact.source().eventType(), fact.person(), fact.source(), (Record) fact));
        }
        rows.values().forEach(list -> list.sort(Row.CHRONOLOGICAL));
        return rows;
    }

    /** The facts a selector picks at {@code at}, oldest first; when each leaves its window is a candidate. */
    private List<Row> select(Selector selector, Map<String, List<Row>> rows, Instant at, Set<Instant> candidates) {
        List<Row> picked = new ArrayList<>();
        for (String type : selector.facts()) {
            picked.addAll(rows.getOrDefault(type, List.of()));
        }
        picked.sort(Row.CHRONOLOGICAL);
        if (!selector.cancelledBy().isEmpty()) {
            List<Row> cancellers = new ArrayList<>();
            selector.cancelledBy().forEach(type -> cancellers.addAll(rows.getOrDefault(type, List.of())));
            picked.removeIf(row -> cancellers.stream()
                    .anyMatch(c -> Objects.equals(c.person(), row.person()) && Row.CHRONOLOGICAL.compare(c, row) > 0));
        }
        if (selector.latest()) {
            Map<List<Object>, Row> latest = new LinkedHashMap<>();
            for (Row row : picked) {
                List<Object> key = new ArrayList<>();
                key.add(Objects.requireNonNullElse(row.person(), ""));
                for (String field : selector.latestBy()) {
                    key.add(Objects.requireNonNullElse(FactFields.read(row.fact(), field), ""));
                }
                latest.put(key, row);
            }
            picked = new ArrayList<>(latest.values());
            picked.sort(Row.CHRONOLOGICAL);
        }
        Duration window = selector.window();
        List<Row> selected = new ArrayList<>();
        for (Row row : picked) {
            if (window != null) {
                Instant leaves = row.occurredAt().plus(window);
                if (!leaves.isAfter(at)) {
                    continue;
                }
                candidates.add(leaves);
            }
            if (selector.where().stream().allMatch(c -> c.test(FactFields.read(row.fact(), c.field())))) {
                selected.add(row);
            }
        }
        return selected;
    }

    /** A rule's contributions: points per fact, decayed, newest first, the rule's cap applied. */
    private List<Contribution> score(
            Rule rule, List<Row> selected, Instant at, Set<Instant> candidates, Map<String, Step> steps) {
        List<Scored> scored = new ArrayList<>();
        long running = 0;
        long given = 0;
        long windowMillis =
                rule.selector().window() == null ? 0 : rule.selector().window().toMillis();
        for (Row row : selected) {
            long base;
            Rule.Per per = rule.per();
            if (per == null) {
                base = rule.points();
            } else {
                Object value = FactFields.read(row.fact(), per.field());
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
                    steps.put(rule.id() + "|" + row.source().platformEventId(), new Step(points, step));
                }
                scored.add(new Scored(row, points));
            }
        }
        List<Contribution> contributions = new ArrayList<>();
        for (int i = scored.size() - 1; i >= 0; i--) {
            Scored s = scored.get(i);
            Source source = s.row().source();
            contributions.add(new Contribution(
                    source.department(),
                    source.platformEventId(),
                    source.eventType(),
                    source.occurredAt(),
                    rule.dimension(),
                    s.points(),
                    rule.id()));
        }
        return capped(contributions, rule.cap());
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
    private static List<Contribution> capped(List<Contribution> contributions, @Nullable Integer cap) {
        if (cap == null) {
            return contributions;
        }
        List<Contribution> kept = new ArrayList<>();
        int room = cap;
        for (Contribution c : contributions) {
            if (room <= 0) {
                break;
            }
            int points = Math.min(room, c.points());
            kept.add(
                    points == c.points()
                            ? c
                            : new Contribution(
                                    c.department(),
                                    c.eventId(),
                                    c.eventType(),
                                    c.occurredAt(),
                                    c.dimension(),
                                    points,
                                    c.rule()));
            room -= points;
        }
        return kept;
    }

    /**
     * True when the household (or a current member) is in one of the assistance programmes on {@code today}; the day
     * after a fixed period ends is a candidate.
     */
    private boolean assisted(Map<String, List<Row>> rows, LocalDate today, Set<Instant> candidates) {
        boolean assisted = false;
        for (Row row : rows.getOrDefault("AssistanceGranted", List.of())) {
            Programmes.Active grant = (Programmes.Active) row.fact();
            if (!model.categories().assistanceProgrammes().contains(grant.programme())) {
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
    private boolean edge(Map<String, List<Row>> rows, Instant at, Set<Instant> candidates) {
        boolean holds = false;
        Categories categories = model.categories();
        boolean dependants = rows.getOrDefault(FactFields.MEMBER, List.of()).stream()
                .map(row -> ((FactFields.MemberFact) row.fact()).age())
                .anyMatch(age -> age < categories.dependantsBelow() || age >= categories.dependantsAtLeast());
        for (Categories.Edge edge : categories.edges()) {
            List<Row> found = select(edge.selector(), rows, at, candidates);
            if (!found.isEmpty() && (!edge.withDependants() || dependants)) {
                holds = true;
            }
        }
        return holds;
    }
}
