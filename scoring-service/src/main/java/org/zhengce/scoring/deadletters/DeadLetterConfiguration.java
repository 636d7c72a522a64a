package org.zhengce.scoring.deadletters;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.scoring.ScoringApplication;

/**
 * The processing dead letters' reader and replayer: the lane from the catalogue, replays only to the topics scoring
 * reads household events from ({@code household.events} and its repartition topics), with a producer of its own
 * (acks=all, idempotent).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    static final String PROCESSING_DEAD_LETTERS = "household.events.processing.dlq";

    @Bean
    ProcessingDeadLetters processingDeadLetters(KafkaProperties kafka) {
        TopicCatalogue catalogue = TopicCatalogue.load();
        Set<String> sources = catalogue.consumedBy(ScoringApplication.NAME).stream()
                .filter(topic -> topic.valueSchemaName()
                        .equals(HouseholdEvent.getClassSchema().getFullName()))
                .map(Topic::name)
                .collect(Collectors.toSet());
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "scoring-service-replays");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new ProcessingDeadLetters(
                catalogue.topic(PROCESSING_DEAD_LETTERS).name(),
                sources,
                kafka.buildConsumerProperties(),
                new DefaultKafkaProducerFactory<>(producer));
    }
}
