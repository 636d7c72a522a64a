package org.zhengce.referral.policies;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Policy-library settings.
 *
 * @param library the versioned policy-library file loaded at start-up when its version is not loaded yet; unset:
 *     nothing is loaded (the admin API manages the programmes)
 * @param refreshInterval how often an instance looks for changes another instance made through the admin API
 */
@ConfigurationProperties("referral.policies")
record PolicySettings(
        @Nullable Resource library, @DefaultValue("30s") Duration refreshInterval) {

    PolicySettings {
        if (library != null && !library.exists()) {
            throw new IllegalArgumentException(
                    "referral.policies.library: " + library.getDescription() + " does not exist");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("referral.policies.refresh-interval: must be positive");
        }
    }
}
