package org.zhengce.notification.alerts;

import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.kit.jurisdictions.JurisdictionFeed;

/** The pure decisions, built from the settings and the organisation structure referral publishes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertSettings.class)
class AlertsConfiguration {

    /** The supervisors of referral's directory, followed as it changes (no copy in this service's settings). */
    @Bean
    SupervisorDirectory supervisorDirectory(AlertSettings settings, JurisdictionFeed jurisdictions) {
        SupervisorDirectory supervisors = new SupervisorDirectory(List.of(), settings.fallbackSupervisor());
        jurisdictions.onChange(published -> supervisors.replace(SupervisorDirectory.entriesOf(published)));
        return supervisors;
    }

    @Bean
    Recipients recipients(SupervisorDirectory supervisors) {
        return new Recipients(supervisors);
    }

    @Bean
    AlertTiming alertTiming(AlertSettings settings) {
        return new AlertTiming(
                settings.quietHours().toQuietHours(), settings.acknowledgeWithin(), settings.acknowledgeWithinUrgent());
    }
}
