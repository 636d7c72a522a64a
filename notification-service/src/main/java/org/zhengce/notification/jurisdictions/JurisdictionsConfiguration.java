package org.zhengce.notification.jurisdictions;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.kit.jurisdictions.JurisdictionFeed;

/** The feed of the {@code jurisdictions} topic, with the service's Kafka settings and no consumer group. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JurisdictionSettings.class)
class JurisdictionsConfiguration {

    @Bean
    JurisdictionFeed jurisdictionFeed(KafkaProperties kafkaProperties, JurisdictionSettings settings) {
        return JurisdictionFeed.of(kafkaProperties, "notification-service-jurisdictions", settings.catchUpWithin());
    }
}
