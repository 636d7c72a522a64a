package org.zhengce.kit.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One year's holidays and adjusted working days, as the State Council's notice on that year's public holidays (关于某年部分节假日安排的通知)
 * gives them.
 *
 * @param year the year the schedule is for
 * @param source where it comes from: the notice's title and date, or the city's own decision
 * @param holidays the days off, each a range of dates within the year
 * @param workdays the weekend days the schedule makes working days (调休上班)
 */
public record YearSchedule(int year, String source, List<Holiday> holidays, List<AdjustedWorkday> workdays) {

    /** Days off from {@code from} to {@code to}, both included. */
    public record Holiday(String name, LocalDate from, LocalDate to) {}

    /** A Saturday or Sunday that is a working day. */
    public record AdjustedWorkday(String name, LocalDate date) {}

    public YearSchedule {
        holidays = List.copyOf(holidays);
        workdays = List.copyOf(workdays);
        Set<LocalDate> off = new HashSet<>();
        for (Holiday holiday : holidays) {
            if (holiday.to().isBefore(holiday.from())) {
                throw invalid(
                        year,
                        "holiday '" + holiday.name() + "' ends (" + holiday.to() + ") before it starts ("
                                + holiday.from() + ")");
            }
            for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
                requireInYear(year, day, "holiday '" + holiday.name() + "'");
                off.add(day);
            }
        }
        for (AdjustedWorkday workday : workdays) {
            LocalDate day = workday.date();
            requireInYear(year, day, "adjusted working day '" + workday.name() + "'");
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw invalid(
                        year,
                        "adjusted working day '" + workday.name() + "' on " + day + " is a " + day.getDayOfWeek()
                                + ": only a Saturday or Sunday can be made a working day");
            }
            if (off.contains(day)) {
                throw invalid(year, day + " is both a holiday and an adjusted working day");
            }
        }
    }

    private static void requireInYear(int year, LocalDate day, String what) {
        if (day.getYear() != year) {
            throw invalid(year, what + " falls on " + day + ", outside the schedule's year");
        }
    }

    private static IllegalArgumentException invalid(int year, String why) {
        return new IllegalArgumentException("working calendar for " + year + ": " + why);
    }
}
