package org.zhengce.scoring.activation;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.zhengce.events.ModelRole;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.SerdeConfig;
import org.zhengce.scoring.model.ScoringModel;

/**
 * On start-up, when {@code scoring.models} holds no ACTIVE version, publishes the built-in default as ACTIVE, so
 * that the version on every score and warning is on the topic and stays explainable. Reads the topic itself (from
 * the beginning to its end, the last record of each version winning, as compaction would) rather than the global
 * store, which the streams may still be restoring. Two instances starting at once both publish the same record
 * under the same key: harmless. A failure stops the start-up, as a missing topic does.
 */
class DefaultModelBootstrap implements ApplicationRunner {

    static final String NOTE = "built-in default";

    private static final Logger log = LoggerFactory.getLogger(DefaultModelBootstrap.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final ModelPublisher publisher;
    private final ScoringModel defaultModel;

    DefaultModelBootstrap(
            Map<String, Object> consumerProperties, String topic, ModelPublisher publisher, ScoringModel defaultModel) {
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.publisher = publisher;
        this.defaultModel = defaultModel;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, ScoringModelPublished> versions = readVersions();
        boolean hasActive = versions.values().stream().anyMatch(model -> model.getRole() == ModelRole.ACTIVE);
        if (hasActive) {
            log.info("{} holds {} model version(s), one or more active", topic, versions.size());
            return;
        }
        ScoringModelPublished published = versions.get(defaultModel.version());
        if (published != null && !published.getModel().equals(defaultModel.yaml())) {
            log.error(
                    "{} holds no active model, and the built-in default {} differs from the text published under that"
                            + " version: not published again (a version's text never changes; give the changed model"
                            + " a new version). Scoring falls back to the built-in default meanwhile.",
                    topic,
                    defaultModel.version());
            return;
        }
        log.info("{} holds no active model: publishing the built-in default {}", topic, defaultModel.version());
        publisher
                .publish(defaultModel.version(), defaultModel.yaml(), ModelRole.ACTIVE, null, NOTE)
                .block(READ_TIMEOUT);
    }

    /** The last record of each version on the topic. */
    private Map<String, ScoringModelPublished> readVersions() {
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "scoring-service-models-bootstrap");
        config.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, ScoringModelPublished.class.getName());
        ConfluentAvroDeserializer<ScoringModelPublished> values = new ConfluentAvroDeserializer<>();
        values.configure(config, false);
        Map<String, ScoringModelPublished> versions = new HashMap<>();
        try (KafkaConsumer<String, ScoringModelPublished> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, ScoringModelPublished> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        versions.remove(record.key());
                    } else {
                        versions.put(record.key(), record.value());
                    }
                }
            }
        }
        return versions;
    }
}
