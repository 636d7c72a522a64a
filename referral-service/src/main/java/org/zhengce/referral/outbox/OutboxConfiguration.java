package org.zhengce.referral.outbox;

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
import org.zhengce.events.CaseEvent;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/** Wires the relay: the topic from the catalogue, the registry serializer, a log-checking consumer. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OutboxSettings.class)
class OutboxConfiguration {

    private static final String CASE_EVENTS = "case.events";

    @Bean
    OutboxRelay caseEventRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            OutboxSettings settings) {
        Topic topic = TopicCatalogue.load().topic(CASE_EVENTS);
        ConfluentAvroSerializer<CaseEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(new HashMap<>(kafkaProperties.getProperties()), false);
        Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "referral-service-outbox-check");
        return new OutboxRelay(
                db,
                transactions,
                kafka,
                () -> new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                new OutboxRecords(topic.name(), topic.partitions(), serializer),
                settings,
                // claims and record timestamps are compared with the broker's: the wall clock (see CaseEventOutbox)
                Clock.systemUTC());
    }
}
