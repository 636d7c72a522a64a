package org.zhengce.intake.topics;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.zhengce.intake.IntakeApplication;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/** Intake's topics from the platform's catalogue: creates (or checks) those this service is the one writer of. */
@Configuration(proxyBeanMethods = false)
class IntakeTopics {

    @Bean
    TopicBindings topicBindings(KafkaProperties kafkaProperties) {
        return new TopicBindings(TopicCatalogue.load(), kafkaProperties.getProperties());
    }

    @Bean
    KafkaAdmin.NewTopics ownTopics(TopicBindings bindings) {
        return bindings.ownTopics(IntakeApplication.NAME);
    }
}
