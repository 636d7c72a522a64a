package org.zhengce.scoring.topics;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.scoring.ScoringApplication;

/** Scoring's topics from the platform's catalogue: creates (or checks) those this service is the one writer of. */
@Configuration(proxyBeanMethods = false)
class ScoringTopics {

    @Bean
    TopicBindings topicBindings(KafkaProperties kafkaProperties) {
        return new TopicBindings(TopicCatalogue.load(), kafkaProperties.getProperties());
    }

    @Bean
    KafkaAdmin.NewTopics ownTopics(TopicBindings bindings) {
        return bindings.ownTopics(ScoringApplication.NAME);
    }
}
