package org.zhengce.referral.jurisdictions;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Jurisdiction settings.
 *
 * @param seed the versioned jurisdictions file loaded at start-up when its version is not loaded yet; unset:
 *     nothing is loaded
 * @param republishInterval how often the {@code jurisdictions} topic is compared with the directory and brought up to
 *     date, besides after every change (a failed send, a change made behind the API)
 * @param publishTimeout how long reading the topic, reading the directory and each send may take
 */
@ConfigurationProperties("referral.jurisdictions")
@Validated
record JurisdictionSettings(
        @Nullable Resource seed,
        @DefaultValue("PT1M") Duration republishInterval,
        @DefaultValue("PT10S") Duration publishTimeout) {

    JurisdictionSettings {
        if (seed != null && !seed.exists()) {
            throw new IllegalArgumentException(
                    "referral.jurisdictions.seed: " + seed.getDescription() + " does not exist");
        }
        if (republishInterval.isNegative() || republishInterval.isZero()) {
            throw new IllegalArgumentException(
                    "referral.jurisdictions.republish-interval must be positive, was " + republishInterval);
        }
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "referral.jurisdictions.publish-timeout must be positive, was " + publishTimeout);
        }
    }
}
