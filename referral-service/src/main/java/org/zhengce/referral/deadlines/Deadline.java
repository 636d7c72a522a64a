package org.zhengce.referral.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zhengce.kit.calendar.WorkingCalendar;

/**
 * How long a step may take: a duration ({@code 24h}, {@code 30d}, or ISO-8601 {@code PT24H}) or a number of working
 * days ({@code 3wd}: the working days of China's calendar in the city's time zone, public holidays skipped and adjusted
 * working weekends (调休) counted, the deadline at the same time of day; see {@link WorkingCalendar}).
 */
public record Deadline(Duration duration, int workingDays) {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(wd|d|h|m)");

    public static Deadline parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(spec);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "wd":
                    return new Deadline(Duration.ZERO, Math.toIntExact(amount));
                case "d":
                    return new Deadline(Duration.ofDays(amount), 0);
                case "h":
                    return new Deadline(Duration.ofHours(amount), 0);
                default:
                    return new Deadline(Duration.ofMinutes(amount), 0);
            }
        }
        try {
            return new Deadline(Duration.parse(text.trim()), 0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a deadline: use e.g. 24h, 30d, 3wd (working days) or PT24H", e);
        }
    }

    /** The deadline of a step started at {@code start}, working days counted by {@code calendar} in {@code zone}. */
    public Instant after(Instant start, ZoneId zone, WorkingCalendar calendar) {
        if (workingDays == 0) {
            return start.plus(duration);
        }
        ZonedDateTime from = start.atZone(zone);
        return from.with(calendar.plusWorkingDays(from.toLocalDate(), workingDays))
                .toInstant();
    }

    @Override
    public String toString() {
        return workingDays > 0 ? workingDays + "wd" : duration.toString();
    }
}
