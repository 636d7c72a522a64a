package org.zhengce.scoring.deadletters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.kit.kafka.DeadLetterReplay;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.scoring.ScoringApplication;
import org.zhengce.scoring.streams.DeadLetterHeaders;

/**
 * Scoring's two dead-letter lanes after a fix, through the kit's dead-letter API ({@link DeadLetterReplay}, platform
 * admins). {@code household.events.dlq} (records that could not be read, e.g. while the registry did not answer, or
 * were unsound) is listed and replayed to {@code household.events}. The processing dead letters: {@code GET
 * /admin/dead-letters/household.events.processing.dlq} lists them, {@code POST
 * /admin/dead-letters/household.events.processing.dlq/replay?partition=&from=&to=} replays them, each only to the
 * topic it was read from among those scoring reads household events from ({@code household.events} and its
 * repartition topics; any other is refused with 409). Scoring's own headers ({@code zhengce-dlq-*}: the kind of fault,
 * the processor) are shown in a listing's details and left off a replayed record. The replays have a producer of
 * their own (acks=all, idempotent).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    static final String PROCESSING_DEAD_LETTERS = "household.events.processing.dlq";

    /** The lane of records scoring could not read (or that were unsound), replayed to {@code household.events}. */
    static final String UNREADABLE_DEAD_LETTERS = "household.events.dlq";

    @Bean
    ReplayProducer deadLetterReplayProducer(KafkaProperties kafka) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, ScoringApplication.NAME + "-replays");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new ReplayProducer(new DefaultKafkaProducerFactory<>(producer));
    }

    @Bean
    RouterFunction<ServerResponse> deadLetterReplay(ReplayProducer producer, KafkaProperties kafka) {
        TopicCatalogue catalogue = TopicCatalogue.load();
        return DeadLetterReplay.with(producer.template(), kafka.buildConsumerProperties())
                .lane(catalogue.topic(PROCESSING_DEAD_LETTERS).name(), householdEventSources(catalogue))
                .lane(
                        catalogue.topic(UNREADABLE_DEAD_LETTERS).name(),
                        List.of(catalogue.topic("household.events").name()))
                .ownHeaders(DeadLetterHeaders.PREFIX)
                .routes();
    }

    /** The topics scoring reads household events from: {@code household.events} first, then its repartition topics. */
    static List<String> householdEventSources(TopicCatalogue catalogue) {
        return catalogue.consumedBy(ScoringApplication.NAME).stream()
                .filter(topic -> topic.valueSchemaName()
                        .equals(HouseholdEvent.getClassSchema().getFullName()))
                .map(Topic::name)
                .toList();
    }

    /** The replays' producer, closed with the application. */
    record ReplayProducer(DefaultKafkaProducerFactory<String, byte[]> producers) implements AutoCloseable {

        KafkaTemplate<String, byte[]> template() {
            return new KafkaTemplate<>(producers);
        }

        @Override
        public void close() {
            producers.destroy();
        }
    }
}
