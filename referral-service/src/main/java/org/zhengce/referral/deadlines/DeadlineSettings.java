package org.zhengce.referral.deadlines;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
        @NotNull Duration deadlineSweep) {

    /** The parsed deadlines; a malformed one fails start-up naming the property. */
    Deadlines deadlines() {
        return new Deadlines(
                zone,
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
