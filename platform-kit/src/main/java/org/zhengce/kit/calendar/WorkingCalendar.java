package org.zhengce.kit.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which days are working days in China: Monday to Friday, less the public holidays, plus the weekend days a year's
 * schedule makes working days (调休). The schedules ship for the years the State Council has published
 * ({@code working-calendar/cn/<year>.json} in this jar); a city adds a year, or replaces one with its own decision,
 * with a file of the same shape. A year with no schedule counts Monday to Friday: its deadlines may fall on a holiday,
 * which {@link #unscheduledYears} lets a service warn of at start.
 */
public final class WorkingCalendar {

    /** Where the published schedules are, one file per year. */
    public static final String SHIPPED = "classpath*:working-calendar/cn/*.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Map<Integer, YearSchedule> schedules;
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> workdays = new HashSet<>();

    private WorkingCalendar(Map<Integer, YearSchedule> schedules) {
        this.schedules = Map.copyOf(schedules);
        for (YearSchedule schedule : schedules.values()) {
            schedule.holidays()
                    .forEach(h -> h.from().datesUntil(h.to().plusDays(1)).forEach(holidays::add));
            schedule.workdays().forEach(w -> workdays.add(w.date()));
        }
    }

    /** The given schedules, one per year. */
    public static WorkingCalendar of(Collection<YearSchedule> schedules) {
        Map<Integer, YearSchedule> byYear = new TreeMap<>();
        for (YearSchedule schedule : schedules) {
            if (byYear.putIfAbsent(schedule.year(), schedule) != null) {
                throw new IllegalArgumentException(
                        "working calendar: two schedules for " + schedule.year() + " (" + schedule.source() + ")");
            }
        }
        return new WorkingCalendar(byYear);
    }

    /**
     * The published schedules shipped with the platform, each replaced or added to by the city's files (a city's
     * schedule for a year replaces the shipped one: it may add a local holiday).
     *
     * @throws IllegalArgumentException naming the file, when one cannot be read or is not a valid schedule
     */
    public static WorkingCalendar china(List<Resource> cityFiles) {
        Map<Integer, YearSchedule> byYear = new TreeMap<>();
        try {
            for (Resource shipped : new PathMatchingResourcePatternResolver().getResources(SHIPPED)) {
                YearSchedule schedule = read(shipped);
                byYear.put(schedule.year(), schedule);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("working calendar: the shipped schedules cannot be listed", e);
        }
        List<YearSchedule> city = new ArrayList<>();
        for (Resource file : cityFiles) {
            city.add(read(file));
        }
        WorkingCalendar.of(city); // two city files for one year: refused, naming it
        city.forEach(schedule -> byYear.put(schedule.year(), schedule));
        return new WorkingCalendar(byYear);
    }

    static YearSchedule read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return JSON.readValue(in, YearSchedule.class);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "working calendar: " + file.getDescription() + " is not a year's schedule: " + e.getMessage(), e);
        }
    }

    /** Whether {@code day} is a working day. */
    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The {@code count}th working day after {@code day} ({@code day} itself is not counted). */
    public LocalDate plusWorkingDays(LocalDate day, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a number of working days cannot be negative: " + count);
        }
        LocalDate due = day;
        for (int left = count; left > 0; ) {
            due = due.plusDays(1);
            if (isWorkingDay(due)) {
                left--;
            }
        }
        return due;
    }

    /** The years with a schedule. */
    public SortedSet<Integer> years() {
        return new TreeSet<>(schedules.keySet());
    }

    /** Where the schedule of each year comes from. */
    public Map<Integer, String> sources() {
        Map<Integer, String> sources = new TreeMap<>();
        schedules.forEach((year, schedule) -> sources.put(year, schedule.source()));
        return sources;
    }

    /**
     * The years a deadline set on {@code today} can reach that have no schedule: this year, and next year once its
     * schedule is due (the State Council publishes it in November; from then on deadlines reach into it).
     */
    public List<Integer> unscheduledYears(LocalDate today) {
        List<Integer> missing = new ArrayList<>();
        int year = today.getYear();
        if (!schedules.containsKey(year)) {
            missing.add(year);
        }
        boolean nextIsDue = today.getMonthValue() >= 11;
        if (nextIsDue && !schedules.containsKey(year + 1)) {
            missing.add(year + 1);
        }
        return missing;
    }

    /** For a start-up line: the years known, e.g. {@code 2025-2026}. */
    @Override
    public String toString() {
        SortedSet<Integer> years = years();
        if (years.isEmpty()) {
            return "no schedules (Monday to Friday)";
        }
        return years.first().equals(years.last()) ? years.first().toString() : years.first() + "-" + years.last();
    }

    /** For tests and tools: a calendar of the shipped schedules only. */
    public static WorkingCalendar shipped() {
        return china(List.of());
    }
}
