package org.zhengce.referral.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.events.Urgency;
import org.zhengce.kit.calendar.WorkingCalendar;

class DeadlineTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(DeadlineConfiguration.class, FixedClock.class)
            .withPropertyValues(
                    "referral.cases.zone=Asia/Shanghai",
                    "referral.cases.visit=3wd",
                    "referral.cases.visit-urgent=24h",
                    "referral.cases.verify=5wd",
                    "referral.cases.verify-urgent=48h",
                    "referral.cases.assist-first-verify=5wd",
                    "referral.cases.plan=5wd",
                    "referral.cases.review=30d",
                    "referral.cases.deadline-sweep=1m");

    @Test
    void aVisitDueInThreeWorkingDaysSkipsSpringFestivalAndCountsTheAdjustedSaturday() {
        Deadlines deadlines = new Deadlines(
                SHANGHAI,
                WorkingCalendar.shipped(),
                three(),
                day(),
                three(),
                day(),
                three(),
                three(),
                Deadline.parse("30d"));
        Instant friday = at(2026, 2, 13, 10);
        // Monday to Friday would have said Wednesday the 18th, the fourth day of Spring Festival
        assertThat(deadlines.visitDue(friday, Urgency.IN_STAGES)).isEqualTo(at(2026, 2, 25, 10));
        assertThat(deadlines.due(Deadline.parse("1wd"), at(2026, 5, 8, 9)))
                .as("the Saturday after Labour Day is worked")
                .isEqualTo(at(2026, 5, 9, 9));
        assertThat(deadlines.visitDue(friday, Urgency.SOLVE_NOW))
                .as("hours are hours")
                .isEqualTo(at(2026, 2, 14, 10));
    }

    @Test
    void theCitysOwnCalendarFileAddsAYear() {
        context.withPropertyValues("referral.cases.calendar-files=classpath:working-calendar/city-2027.json")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    Deadlines deadlines = started.getBean(Deadlines.class);
                    assertThat(deadlines.calendar().years()).containsExactly(2025, 2026, 2027);
                    assertThat(deadlines.visitDue(at(2027, 2, 4, 10), Urgency.IN_STAGES))
                            .isEqualTo(at(2027, 2, 15, 10));
                });
    }

    @Test
    void aCalendarFileThatCannotBeRightStopsTheStartNamingIt() {
        context.withPropertyValues("referral.cases.calendar-files=classpath:working-calendar/broken.json")
                .run(started -> assertThat(started)
                        .getFailure()
                        .hasStackTraceContaining("working calendar: class path resource [working-calendar/broken.json]")
                        .hasStackTraceContaining("2027-02-12 is a FRIDAY"));
    }

    private static Deadline three() {
        return Deadline.parse("3wd");
    }

    private static Deadline day() {
        return Deadline.parse("24h");
    }

    private static Instant at(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(SHANGHAI).toInstant();
    }

    @Configuration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        }
    }
}
