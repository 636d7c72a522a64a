package org.zhengce.notification.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Urgency;

class QuietHoursTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), BEIJING);

    /** A Beijing wall-clock time on 1 December 2026 (UTC+8). */
    private static Instant beijing(String time) {
        return Instant.parse("2026-12-01T" + time + ":00+08:00");
    }

    @Test
    void nightHoursAcrossMidnightAreQuiet() {
        assertThat(night.contains(beijing("21:59"))).isFalse();
        assertThat(night.contains(beijing("22:00"))).isTrue();
        assertThat(night.contains(beijing("23:30"))).isTrue();
        assertThat(night.contains(beijing("03:00"))).isTrue();
        assertThat(night.contains(beijing("06:59"))).isTrue();
        assertThat(night.contains(beijing("07:00"))).isFalse();
        assertThat(night.contains(beijing("12:00"))).isFalse();
    }

    @Test
    void aQuietTimeWaitsUntilTheEndOfTheQuietHours() {
        assertThat(night.nextAllowed(beijing("23:30"))).isEqualTo(Instant.parse("2026-12-02T07:00:00+08:00"));
        assertThat(night.nextAllowed(beijing("03:00"))).isEqualTo(beijing("07:00"));
        assertThat(night.nextAllowed(beijing("12:00"))).isEqualTo(beijing("12:00"));
    }

    @Test
    void quietHoursWithinOneDayAndNone() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30), BEIJING);
        assertThat(lunch.contains(beijing("12:15"))).isTrue();
        assertThat(lunch.contains(beijing("13:30"))).isFalse();
        assertThat(lunch.nextAllowed(beijing("12:15"))).isEqualTo(Instant.parse("2026-12-01T13:30:00+08:00"));
        QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, BEIJING);
        assertThat(none.contains(beijing("03:00"))).isFalse();
    }

    @Test
    void urgentAlertsNeverWaitAndHaveTheShorterAcknowledgementTime() {
        AlertTiming timing = new AlertTiming(night, Duration.ofHours(4), Duration.ofMinutes(30));
        Instant lateEvening = beijing("23:00");
        assertThat(timing.sendableAt(lateEvening, Urgency.SOLVE_NOW.name())).isEqualTo(lateEvening);
        assertThat(timing.acknowledgeBy(lateEvening, Urgency.SOLVE_NOW.name()))
                .isEqualTo(lateEvening.plus(Duration.ofMinutes(30)));
        Instant morning = Instant.parse("2026-12-02T07:00:00+08:00");
        assertThat(timing.sendableAt(lateEvening, Urgency.IN_STAGES.name())).isEqualTo(morning);
        assertThat(timing.acknowledgeBy(lateEvening, Urgency.LONG_TERM.name()))
                .isEqualTo(morning.plus(Duration.ofHours(4)));
        assertThat(timing.acknowledgeBy(beijing("10:00"), Urgency.IN_STAGES.name()))
                .isEqualTo(beijing("14:00"));
    }
}
