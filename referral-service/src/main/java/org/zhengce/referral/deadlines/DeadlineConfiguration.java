package org.zhengce.referral.deadlines;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.kit.calendar.WorkingCalendar;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineSettings.class)
class DeadlineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadlineConfiguration.class);

    /**
     * China's working calendar with the city's own files; a file that cannot be right fails start-up naming it, and a
     * year that deadlines can reach without a schedule is named once, at start, for the operator to add.
     */
    @Bean
    WorkingCalendar workingCalendar(DeadlineSettings settings, Clock clock) {
        WorkingCalendar calendar = WorkingCalendar.china(settings.calendarFiles());
        log.info(
                "Working days are counted with China's working calendar of {} ({} city file(s))",
                calendar,
                settings.calendarFiles().size());
        List<Integer> unscheduled = calendar.unscheduledYears(LocalDate.ofInstant(clock.instant(), settings.zone()));
        if (!unscheduled.isEmpty()) {
            log.warn(
                    "The working calendar has no schedule for {}: deadlines in working days that reach into it count"
                            + " Monday to Friday and may fall on a public holiday. Add the State Council's schedule of"
                            + " the year as a file in referral.cases.calendar-files (the shape of"
                            + " working-calendar/cn/2026.json in platform-kit)",
                    unscheduled);
        }
        return calendar;
    }

    /** The deadline of every step; a malformed one fails start-up naming its property. */
    @Bean
    Deadlines deadlines(DeadlineSettings settings, WorkingCalendar workingCalendar) {
        return settings.deadlines(workingCalendar);
    }
}
