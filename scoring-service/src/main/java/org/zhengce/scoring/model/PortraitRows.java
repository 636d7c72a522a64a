package org.zhengce.scoring.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.zhengce.scoring.portrait.Fact;
import org.zhengce.scoring.portrait.HouseholdMember;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Source;

/**
 * One portrait prepared for the evaluations of one assessment (the one at its instant and those of the search for its
 * next change): its facts sorted once into rows by kind, each with the fields the model reads already read and its
 * subject as a number (0 the household, 1 + i the i-th member), so that an evaluation at any instant takes the rows
 * that happened by then as a prefix, with no map, no sort and no copy. Thread-confined: one assessment's.
 */
final class PortraitRows {

    /** A fact as the rules see it. */
    static final class Row {
        final int subject;
        final Source source;
        final Record fact;
        final @Nullable Object[] values;

        Row(int subject, Source source, Record fact, @Nullable Object[] values) {
            this.subject = subject;
            this.source = source;
            this.fact = fact;
            this.values = values;
        }

        Instant occurredAt() {
            return source.occurredAt();
        }
    }

    private static final Row[] NONE = new Row[0];

    private final FactKinds kinds;
    private final List<HouseholdMember> members;
    private final Row[][] byKind;
    private final Instant[] factTimes;
    private final Instant[][] birthdays;
    private final Row[] @Nullable [] merged;
    private final int[] @Nullable [] groups;
    private final int[] groupCounts;
    private @Nullable LocalDate memberDay;
    private Row[] memberRows = NONE;

    PortraitRows(Portrait portrait, FactKinds kinds, Function<LocalDate, Instant[]> birthdaysOf, int selectors) {
        this.kinds = kinds;
        this.members = portrait.members();
        String[] persons = new String[members.size()];
        for (int i = 0; i < persons.length; i++) {
            persons[i] = members.get(i).person();
        }
        List<List<Row>> rows = new ArrayList<>(kinds.count());
        for (int kind = 0; kind < kinds.count(); kind++) {
            rows.add(new ArrayList<>());
        }
        List<Fact> facts = portrait.facts();
        Instant[] times = new Instant[facts.size()];
        int timed = 0;
        for (Fact fact : facts) {
            int subject = subject(persons, fact.person());
            if (subject < 0) {
                continue;
            }
            Source source = fact.source();
            times[timed++] = source.occurredAt();
            int kind = kinds.kind(source.eventType());
            if (kind > FactKinds.MEMBER) {
                rows.get(kind).add(new Row(subject, source, (Record) fact, kinds.values(kind, (Record) fact)));
            }
        }
        this.factTimes = Arrays.copyOf(times, timed);
        this.byKind = new Row[kinds.count()][];
        for (int kind = 0; kind < byKind.length; kind++) {
            byKind[kind] = sorted(rows.get(kind).toArray(NONE));
        }
        this.birthdays = new Instant[members.size()][];
        for (int i = 0; i < birthdays.length; i++) {
            birthdays[i] = birthdaysOf.apply(members.get(i).birthDate());
        }
        this.merged = new Row[selectors][];
        this.groups = new int[selectors][];
        this.groupCounts = new int[selectors];
    }

    /** 0 for the household, 1 + the member's position, -1 for a person who is not a current member. */
    private static int subject(String[] persons, @Nullable String person) {
        if (person == null) {
            return 0;
        }
        for (int i = 0; i < persons.length; i++) {
            if (persons[i] == person || persons[i].equals(person)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** How many subjects can have rows: the household and each member. */
    int subjects() {
        return members.size() + 1;
    }

    /**
     * Notes the instants at which what the rows say could change, in no order: when each fact of the household and its
     * current members happened, and when each member reaches an age the model's conditions tell apart.
     */
    void addTimes(Candidates candidates) {
        candidates.addAll(factTimes);
        for (Instant[] days : birthdays) {
            candidates.addAll(days);
        }
    }

    /** A kind's rows, oldest first; the members' with their age on {@code day}. */
    Row[] rows(int kind, LocalDate day) {
        return kind == FactKinds.MEMBER ? members(day) : byKind[kind];
    }

    /** How many of a kind's rows count at {@code at}: those that happened by then (every member). */
    static int count(Row[] rows, int kind, Instant at) {
        if (kind == FactKinds.MEMBER) {
            return rows.length;
        }
        int lo = 0;
        int hi = rows.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows[mid].occurredAt().isAfter(at)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The rows of a selector's kinds, oldest first (merged once when it reads more than one kind). */
    Row[] rows(CompiledSelector selector, LocalDate day) {
        int[] selected = selector.kinds();
        if (selected.length == 1) {
            return rows(selected[0], day);
        }
        Row[] known = merged[selector.index()];
        if (known != null) {
            return known;
        }
        List<Row> all = new ArrayList<>();
        for (int kind : selected) {
            all.addAll(Arrays.asList(rows(kind, day)));
        }
        Row[] rows = sorted(all.toArray(NONE));
        merged[selector.index()] = rows;
        return rows;
    }

    /**
     * For a selector that keeps the latest fact only: each of its rows' group (same subject and same {@code latestBy}
     * values), numbered from 0; aligned with {@link #rows(CompiledSelector, LocalDate)}.
     */
    int[] groups(CompiledSelector selector, Row[] rows) {
        int[] known = groups[selector.index()];
        if (known != null) {
            return known;
        }
        int[] numbers = new int[rows.length];
        int[] by = selector.latestBy();
        if (by.length == 0) {
            for (int i = 0; i < rows.length; i++) {
                numbers[i] = rows[i].subject;
            }
            groupCounts[selector.index()] = subjects();
        } else {
            Map<List<Object>, Integer> seen = new HashMap<>();
            for (int i = 0; i < rows.length; i++) {
                List<Object> key = new ArrayList<>(by.length + 1);
                key.add(rows[i].subject);
                for (int slot : by) {
                    key.add(Objects.requireNonNullElse(rows[i].values[slot], ""));
                }
                Integer number = seen.putIfAbsent(key, seen.size());
                numbers[i] = number == null ? seen.size() - 1 : number;
            }
            groupCounts[selector.index()] = seen.size();
        }
        groups[selector.index()] = numbers;
        return numbers;
    }

    /** How many groups {@link #groups} numbered for a selector. */
    int groupCount(CompiledSelector selector) {
        return groupCounts[selector.index()];
    }

    /** The members as rows, each with its age on {@code day}, kept while the day is the same. */
    private Row[] members(LocalDate day) {
        if (day.equals(memberDay)) {
            return memberRows;
        }
        Row[] rows = new Row[members.size()];
        for (int i = 0; i < rows.length; i++) {
            HouseholdMember member = members.get(i);
            FactFields.MemberFact fact = new FactFields.MemberFact(
                    member.relationToHead(), member.sex(), member.birthDate(), member.ageOn(day), member.source());
            rows[i] = new Row(i + 1, member.source(), fact, kinds.values(FactKinds.MEMBER, fact));
        }
        memberRows = sorted(rows);
        memberDay = day;
        return memberRows;
    }

    /** Sorts oldest first, then by platform event id (stable; most lists of a portrait are already in order). */
    private static Row[] sorted(Row[] rows) {
        for (int i = 1; i < rows.length; i++) {
            if (compare(rows[i - 1], rows[i]) > 0) {
                Arrays.sort(rows, PortraitRows::compare);
                return rows;
            }
        }
        return rows;
    }

    /** {@link Source#CHRONOLOGICAL} on rows. */
    static int compare(Row a, Row b) {
        int at = a.source.occurredAt().compareTo(b.source.occurredAt());
        return at != 0 ? at : a.source.platformEventId().compareTo(b.source.platformEventId());
    }
}
