package org.zhengce.referral.resources;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Service-menu settings.
 *
 * @param location the versioned service-menu file, read at start-up (a missing or invalid file fails start-up)
 */
@ConfigurationProperties("referral.service-menu")
record ResourceSettings(
        @DefaultValue("classpath:demo-city/service-menu.yaml")
        Resource location) {

    ResourceSettings {
        if (!location.exists()) {
            throw new IllegalArgumentException(
                    "referral.service-menu.location: " + location.getDescription() + " does not exist");
        }
    }
}
