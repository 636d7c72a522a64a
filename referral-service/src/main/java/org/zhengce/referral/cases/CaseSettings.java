package org.zhengce.referral.cases;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Case settings.
 *
 * @param visitWithinUrgent when an urgent case's first visit is due after it opens (e.g. 24h)
 * @param visitWithin when any other case's first visit is due (e.g. 72h)
 */
@ConfigurationProperties("referral.cases")
@Validated
record CaseSettings(
        @NotNull Duration visitWithinUrgent, @NotNull Duration visitWithin) {}
