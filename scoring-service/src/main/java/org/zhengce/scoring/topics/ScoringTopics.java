package org.zhengce.scoring.topics;

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
    KafkaAdmin.NewTopics ownTopics() {
        return TopicBindings.ownTopics(TopicCatalogue.load(), ScoringApplication.NAME);
    }
}
