package org.zhengce.notification.alerts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who is alerted and when an alert escalates.
 *
 * @param supervisors jurisdiction code prefix → supervisor user id; the most specific prefix wins
 * @param fallbackSupervisor alerted when no configured supervisor is above the one who did not acknowledge
 * @param acknowledgeWithin an alert not acknowledged this long after it was raised (after the quiet hours, for a
 *     non-urgent one) escalates to the supervisor above
 * @param acknowledgeWithinUrgent the same for urgent cases ({@code SOLVE_NOW}); shorter
 * @param quietHours when non-urgent SMS and app pushes wait
 */
@ConfigurationProperties("notification.alerts")
@Validated
record AlertSettings(
        @NotNull @Valid List<Supervisor> supervisors,
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

    /** The supervisor of the jurisdiction {@code jurisdiction} (an area-code prefix). */
    record Supervisor(
            @NotNull @Pattern(regexp = "[0-9]{2,12}", message = "must be an area-code prefix of 2 to 12 digits")
            String jurisdiction,

            @NotBlank String supervisor) {}

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
