package org.zhengce.notification.alerts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who is alerted and when an alert escalates.
 *
 * @param fallbackSupervisor alerted when no supervisor of referral's directory is above the one who did not
 *     acknowledge (who supervises which area is not configured here: it is read from the {@code jurisdictions} topic)
 * @param acknowledgeWithin an alert not acknowledged this long after it was raised (after the quiet hours, for a
 *     non-urgent one) escalates to the supervisor above
 * @param acknowledgeWithinUrgent the same for urgent cases ({@code SOLVE_NOW}); shorter
 * @param quietHours when non-urgent SMS and app pushes wait
 */
@ConfigurationProperties("notification.alerts")
@Validated
record AlertSettings(
        @NotBlank String fallbackSupervisor,
        @NotNull Duration acknowledgeWithin,
        @NotNull Duration acknowledgeWithinUrgent,
        @NotNull @Valid QuietHoursSettings quietHours) {

    AlertSettings {
        if (acknowledgeWithin != null
                && acknowledgeWithinUrgent != null
                && acknowledgeWithinUrgent.compareTo(acknowledgeWithin) > 0) {
            throw new IllegalArgumentException("notification.alerts.acknowledge-within-urgent ("
                    + acknowledgeWithinUrgent + ") must not be longer than notification.alerts.acknowledge-within ("
                    + acknowledgeWithin + ")");
        }
    }

    /** From {@code start} to {@code end} (HH:mm) in {@code zone}, e.g. 22:00 to 07:00 in Asia/Shanghai. */
    record QuietHoursSettings(
            @NotBlank String start,
            @NotBlank String end,
            @NotBlank String zone) {

        QuietHours toQuietHours() {
            return new QuietHours(time("start", start), time("end", end), zoneId());
        }

        private ZoneId zoneId() {
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "notification.alerts.quiet-hours.zone is not a time zone: '" + zone + "'", e);
            }
        }

        private static LocalTime time(String name, String value) {
            try {
                return LocalTime.parse(value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "notification.alerts.quiet-hours." + name + " must be HH:mm, was '" + value + "'", e);
            }
        }
    }
}
