package org.zhengce.referral.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
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
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/** Wires the relay: its topics from the catalogue, the registry serializer, a log-checking consumer. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OutboxSettings.class)
class OutboxConfiguration {

    @Bean
    OutboxRelay caseEventRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            KafkaProperties kafkaProperties,
            OutboxSettings settings) {
        TopicCatalogue catalogue = TopicCatalogue.load();
        Map<String, OutboxRecords.TopicCodec> topics = new HashMap<>();
        for (String name : List.of(OutboxRecords.CASE_EVENTS, OutboxRecords.DECISIONS)) {
            Topic topic = catalogue.topic(name);
            ConfluentAvroSerializer<SpecificRecordBase> serializer = new ConfluentAvroSerializer<>();
            serializer.configure(new HashMap<>(kafkaProperties.getProperties()), false);
            topics.put(
                    name, new OutboxRecords.TopicCodec(topic.partitions(), serializer, OutboxRecords.decoderOf(name)));
        }
        Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "referral-service-outbox-check");
        return new OutboxRelay(
                db,
                transactions,
                kafka,
                () -> new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                new OutboxRecords(topics),
                settings,
                // claims and record timestamps are compared with the broker's: the wall clock (see CaseEventOutbox)
                Clock.systemUTC());
    }
}
