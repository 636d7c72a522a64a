package org.zhengce.notification.scheduling;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The tick.
 *
 * @param enabled false: no scheduled tick, only {@link NotificationTicks#tick()} calls (tests, with their clock)
 * @param tick the pause between two ticks
 * @param batchSize most alerts escalated per tick
 */
@ConfigurationProperties("notification.scheduler")
@Validated
record SchedulerSettings(
        boolean enabled, @NotNull Duration tick, @Positive int batchSize) {}
