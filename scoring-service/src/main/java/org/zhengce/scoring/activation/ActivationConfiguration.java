package org.zhengce.scoring.activation;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.streams.ScoringStreams;

/**
 * The models' producer (acks=all, idempotent, values in the Confluent wire format with the registry of
 * {@code spring.kafka.properties}), the view of the published versions, and the default-model bootstrap.
 */
@Configuration(proxyBeanMethods = false)
class ActivationConfiguration {

    static final String MODELS_TOPIC = "scoring.models";

    /**
     * The producer is the publisher's own (closed with it), so that Spring Boot's default Kafka template stays as it
     * is for anything else.
     */
    @Bean
    ModelPublisher modelPublisher(KafkaProperties kafka, ObjectProvider<Clock> clock) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "scoring-service-models");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class);
        DefaultKafkaProducerFactory<String, ScoringModelPublished> factory =
                new DefaultKafkaProducerFactory<>(producer);
        return new ModelPublisher(factory, modelsTopic(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PublishedModels publishedModels(ScoringStreams streams) {
        return new PublishedModels(streams, ScoringModel.defaultModel());
    }

    @Bean
    DefaultModelBootstrap defaultModelBootstrap(KafkaProperties kafka, ModelPublisher modelPublisher) {
        return new DefaultModelBootstrap(
                kafka.buildConsumerProperties(), modelsTopic(), modelPublisher, ScoringModel.defaultModel());
    }

    private static String modelsTopic() {
        return TopicCatalogue.load().topic(MODELS_TOPIC).name();
    }
}
