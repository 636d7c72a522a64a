package org.zhengce.notification.jurisdictions;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.kit.kafka.TopicBindings;

/** The feed of the {@code jurisdictions} topic, with the service's Kafka settings and no consumer group. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JurisdictionSettings.class)
class JurisdictionsConfiguration {

    @Bean
    JurisdictionFeed jurisdictionFeed(
            TopicBindings bindings, KafkaProperties kafkaProperties, JurisdictionSettings settings) {
        Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-service-jurisdictions");
        return new JurisdictionFeed(
                bindings.avro("jurisdictions", JurisdictionPublished.class), consumer, settings.catchUpWithin());
    }
}
