package org.zhengce.referral.jurisdictions;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Jurisdiction settings.
 *
 * @param seed the versioned jurisdictions file loaded at start-up when its version is not loaded yet; unset:
 *     nothing is loaded
 */
@ConfigurationProperties("referral.jurisdictions")
@Validated
record JurisdictionSettings(@Nullable Resource seed) {

    JurisdictionSettings {
        if (seed != null && !seed.exists()) {
            throw new IllegalArgumentException(
                    "referral.jurisdictions.seed: " + seed.getDescription() + " does not exist");
        }
    }
}
