package org.zhengce.notification.alerts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure decisions, built from the settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertSettings.class)
class AlertsConfiguration {

    @Bean
    SupervisorDirectory supervisorDirectory(AlertSettings settings) {
        return new SupervisorDirectory(
                settings.supervisors().stream()
                        .map(s -> new SupervisorDirectory.Entry(s.jurisdiction(), s.supervisor()))
                        .toList(),
                settings.fallbackSupervisor());
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
