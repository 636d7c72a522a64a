package org.zhengce.referral.deadlines;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineSettings.class)
class DeadlineConfiguration {

    /** The deadline of every step; a malformed one fails start-up naming its property. */
    @Bean
    Deadlines deadlines(DeadlineSettings settings) {
        return settings.deadlines();
    }
}
