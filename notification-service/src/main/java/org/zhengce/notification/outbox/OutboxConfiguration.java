package org.zhengce.notification.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.AlertEvent;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * Wires the outbox and its relay: the topic from the catalogue, the registry serializer, a log-checking consumer;
 * both on the system clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OutboxSettings.class)
class OutboxConfiguration {

    private static final String ALERT_EVENTS = "alert.events";

    @Bean
    AlertEventOutbox alertEventOutbox(DatabaseClient db) {
        return new AlertEventOutbox(db, Clock.systemUTC());
    }

    @Bean
    OutboxRelay alertEventRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            OutboxSettings settings) {
        Topic topic = TopicCatalogue.load().topic(ALERT_EVENTS);
        ConfluentAvroSerializer<AlertEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(new HashMap<>(kafkaProperties.getProperties()), false);
        Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-service-outbox-check");
        return new OutboxRelay(
                db,
                transactions,
                kafka,
                () -> new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                new OutboxRecords(topic.name(), topic.partitions(), serializer),
                settings,
                Clock.systemUTC());
    }
}
