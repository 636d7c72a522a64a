package org.zhengce.referral.statistics;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Statistics settings.
 *
 * @param zone the time zone whose calendar days the {@code from} and {@code to} dates name
 * @param defaultDays the period when neither {@code from} nor {@code to} is given: the last this many days, today
 *     included
 * @param maxDays the longest period one request may ask for
 * @param gaugeWindow the precision gauges count the cases opened in this trailing window
 * @param gaugeRefresh how often the precision gauges are recomputed
 */
@ConfigurationProperties("referral.statistics")
@Validated
record StatisticsSettings(
        @NotNull ZoneId zone,
        @Positive int defaultDays,
        @Positive int maxDays,
        @NotNull Duration gaugeWindow,
        @NotNull Duration gaugeRefresh) {

    StatisticsSettings {
        if (defaultDays > maxDays) {
            throw new IllegalArgumentException("referral.statistics.default-days (" + defaultDays
                    + ") must not exceed referral.statistics.max-days (" + maxDays + ")");
        }
        if (gaugeWindow != null && (gaugeWindow.isNegative() || gaugeWindow.isZero())) {
            throw new IllegalArgumentException("referral.statistics.gauge-window must be positive");
        }
    }
}
