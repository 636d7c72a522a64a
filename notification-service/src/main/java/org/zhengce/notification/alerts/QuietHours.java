package org.zhengce.notification.alerts;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours in which non-urgent SMS and app pushes are not sent, e.g. 22:00 to 07:00 in Asia/Shanghai: from
 * {@code start} (inclusive) to {@code end} (exclusive), across midnight when {@code start} is after {@code end}.
 * {@code start} equal to {@code end}: no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    public boolean contains(Instant instant) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime time = instant.atZone(zone).toLocalTime();
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    /** {@code instant} itself outside the quiet hours, else the end of the quiet hours it falls in. */
    public Instant nextAllowed(Instant instant) {
        if (!contains(instant)) {
            return instant;
        }
        ZonedDateTime at = instant.atZone(zone);
        ZonedDateTime endToday = at.with(end);
        ZonedDateTime next = endToday.isAfter(at) ? endToday : endToday.plusDays(1);
        return next.toInstant();
    }
}
