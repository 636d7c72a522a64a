package org.zhengce.notification.topics;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.zhengce.notification.NotificationApplication;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/** Creates (or checks) the topics this service is the one writer of, as the catalogue defines them. */
@Configuration(proxyBeanMethods = false)
class TopicDeclarations {

    @Bean
    KafkaAdmin.NewTopics ownTopics() {
        return new KafkaAdmin.NewTopics(TopicCatalogue.load().producedBy(NotificationApplication.NAME).stream()
                .map(topic -> topic.newTopic())
                .toArray(NewTopic[]::new));
    }
}
