package org.zhengce.referral.deadlines;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;
import org.zhengce.kit.calendar.WorkingCalendar;

/**
 * Deadline settings (prefix {@code referral.cases}): the deadline of each step ({@link Deadline} syntax: {@code 24h}, {@code 30d}, {@code 3wd} working
 * days, or ISO-8601), the city's time zone working days are counted in, and how often deadlines are checked.
 *
 * @param zone the time zone of working days and quiet hours (e.g. Asia/Shanghai)
 * @param visit first visit after assignment (e.g. 3wd)
 * @param visitUrgent the same for an urgent case (e.g. 24h)
 * @param verify verification after the first visit
 * @param verifyUrgent the same for an urgent case
 * @param assistFirstVerify verification after an urgent case was helped first (先行救助)
 * @param plan the plan after verification
 * @param review a tracking case's periodic review visit, when the referral sets no interval
 * @param deadlineSweep how often missed deadlines are looked for
 * @param calendarFiles the city's own working-calendar schedules ({@code file:...}), each adding a year to the ones the
 *     platform ships or replacing one (see {@link WorkingCalendar})
 */
@ConfigurationProperties("referral.cases")
@Validated
record DeadlineSettings(
        @NotNull ZoneId zone,
        @NotBlank String visit,
        @NotBlank String visitUrgent,
        @NotBlank String verify,
        @NotBlank String verifyUrgent,
        @NotBlank String assistFirstVerify,
        @NotBlank String plan,
        @NotBlank String review,
        @NotNull Duration deadlineSweep,
        @DefaultValue List<Resource> calendarFiles) {

    /** The parsed deadlines; a malformed one fails start-up naming the property. */
    Deadlines deadlines(WorkingCalendar calendar) {
        return new Deadlines(
                zone,
                calendar,
                parse("visit", visit),
                parse("visit-urgent", visitUrgent),
                parse("verify", verify),
                parse("verify-urgent", verifyUrgent),
                parse("assist-first-verify", assistFirstVerify),
                parse("plan", plan),
                parse("review", review));
    }

    private static Deadline parse(String property, String value) {
        try {
            return Deadline.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("referral.cases." + property + ": " + e.getMessage(), e);
        }
    }
}
