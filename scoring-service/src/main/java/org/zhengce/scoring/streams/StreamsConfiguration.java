package org.zhengce.scoring.streams;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerde;
import org.zhengce.schemas.serde.SerdeConfig;
import org.zhengce.scoring.model.ScoringModel;

/**
 * Runs the topology with Spring Kafka's Kafka Streams support: exactly-once v2, RocksDB stores, records that cannot
 * be read sent to {@code household.events.dlq} with the reason ({@link UnreadableRecords} and Spring's dead-letter
 * publisher, same partition; read again by a new stream thread when the failure was transient), and records a processor fails on sent to
 * {@code household.events.processing.dlq} ({@link ProcessingFailures}, {@link ProcessingDeadLetterGate}).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(ScoringSettings.class)
class StreamsConfiguration {

    static final String HOUSEHOLD_EVENTS = "household.events";

    /** The processing dead-letter lane, named (the catalogue's first lane of household.events is the other one). */
    static final String PROCESSING_DEAD_LETTERS = "household.events.processing.dlq";

    @Bean
    ScoringTopology.Config scoringTopologyConfig(
            KafkaProperties kafka, ScoringSettings settings, io.micrometer.core.instrument.MeterRegistry meters) {
        TopicCatalogue catalogue = TopicCatalogue.load();
        Topic events = catalogue.topic(HOUSEHOLD_EVENTS);
        Map<String, Object> serde = new HashMap<>(kafka.getProperties());
        serde.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        return new ScoringTopology.Config(
                events.name(),
                catalogue.topic("household.scores").name(),
                catalogue.topic("household.warnings").name(),
                catalogue.topic("scoring.models").name(),
                catalogue.deadLetterTopicOf(events.name()).orElseThrow().name(),
                events.partitions(),
                serde(serde, HouseholdEvent.class),
                serde(serde, SpecificRecord.class),
                serde(serde, ScoringModelPublished.class),
                ScoringModel.defaultModel(),
                settings.tick(),
                settings.rescoreSlice(),
                kind -> deadLetterCounter(meters, kind).increment(),
                settings.warnings().hysteresisPoints(),
                catalogue.topic(PROCESSING_DEAD_LETTERS).name(),
                reason -> processingDeadLetterCounter(meters, reason).increment());
    }

    @Bean
    Object scoringTopology(StreamsBuilder builder, ScoringTopology.Config config) {
        ScoringTopology.define(builder, config);
        return config;
    }

    /** Undeserialisable input goes to the dead-letter topic, to the partition it came from, with the reason. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer deadLettersForUnreadableRecords(
            KafkaProperties kafka, io.micrometer.core.instrument.MeterRegistry meters) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
        String deadLetters = TopicCatalogue.load()
                .deadLetterTopicOf(HOUSEHOLD_EVENTS)
                .orElseThrow()
                .name();
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(deadLetters, record.partition()));
        io.micrometer.core.instrument.Counter unreadable = deadLetterCounter(meters, "unreadable");
        org.springframework.kafka.listener.ConsumerRecordRecoverer recoverer = (record, exception) -> {
            publisher.accept(record, exception);
            unreadable.increment();
        };
        return factory -> {
            // the factory hands out a copy of its configuration: what is changed must be set back
            var properties = factory.getStreamsConfiguration();
            if (properties != null) {
                properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UnreadableRecords.class);
                properties.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER, recoverer);
                // a processor's failure goes up to the gate after its source, which dead-letters the record
                properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailures.class);
                factory.setStreamsConfiguration(properties);
            }
            factory.setStreamsUncaughtExceptionHandler(UnreadableRecords::replacingThreadsOnTransientFailures);
        };
    }

    /** {@code scoring.records.dead-lettered{reason}}: records sent to the processing dead letters, by kind of fault. */
    static io.micrometer.core.instrument.Counter processingDeadLetterCounter(
            io.micrometer.core.instrument.MeterRegistry meters, String reason) {
        return counter(
                meters,
                "scoring.records.dead-lettered",
                "Records a processor failed on, sent to household.events.processing.dlq, by kind of fault",
                "reason",
                reason);
    }

    /** {@code scoring.dead.letters{kind}}: unreadable or unsound records sent to {@code household.events.dlq}. */
    static io.micrometer.core.instrument.Counter deadLetterCounter(
            io.micrometer.core.instrument.MeterRegistry meters, String kind) {
        return counter(
                meters,
                "scoring.dead.letters",
                "Household events sent to household.events.dlq, by kind of fault",
                "kind",
                kind);
    }

    private static io.micrometer.core.instrument.Counter counter(
            io.micrometer.core.instrument.MeterRegistry meters,
            String name,
            String description,
            String tag,
            String value) {
        return io.micrometer.core.instrument.Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .register(meters);
    }

    private static <T> ConfluentAvroSerde<T> serde(Map<String, Object> config, Class<T> type) {
        ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>();
        Map<String, Object> own = new HashMap<>(config);
        if (type != SpecificRecord.class) {
            own.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type.getName());
        }
        serde.configure(own, false);
        return serde;
    }
}
