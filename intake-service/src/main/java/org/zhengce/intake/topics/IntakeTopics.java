package org.zhengce.intake.topics;

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
    KafkaAdmin.NewTopics ownTopics() {
        return TopicBindings.ownTopics(TopicCatalogue.load(), IntakeApplication.NAME);
    }
}
