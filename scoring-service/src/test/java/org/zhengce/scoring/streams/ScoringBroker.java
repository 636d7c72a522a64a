package org.zhengce.scoring.streams;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerde;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * The in-process broker and schema registry of the streams' broker tests, with the catalogue's topics they name
 * created and their partitions led before anything is sent: Kafka 4.1.2's idempotent producer sending before the
 * partitions have leaders can get stuck retrying an out-of-sequence first batch (embedded/README.md).
 */
final class ScoringBroker implements AutoCloseable {

    final EmbeddedKafka kafka;
    final EmbeddedSchemaRegistry registry;

    private ScoringBroker(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** A broker and registry with {@code topics} created as the catalogue declares them. */
    static ScoringBroker start(String... topics) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().start();
        // not about the registry's access (schema-registry's and the launcher's tests are): its clients send only the
        // URL
        EmbeddedSchemaRegistry registry =
                EmbeddedSchemaRegistry.startAllowingAnonymousWrites(kafka.bootstrapServers(), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicCatalogue catalogue = TopicCatalogue.load();
            List<NewTopic> created = new ArrayList<>();
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (String topic : topics) {
                NewTopic declared = catalogue.topic(topic).newTopic();
                created.add(declared);
                for (int p = 0; p < declared.numPartitions(); p++) {
                    partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
            // listing offsets needs the leaders
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS) != null);
        }
        return new ScoringBroker(kafka, registry);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    HttpSchemaRegistryClient registryClient() {
        return new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registry.url()), null);
    }

    /** A Confluent Avro serde on the registry reading {@code type} (any specific record when null). */
    <T> ConfluentAvroSerde<T> serde(@Nullable Class<T> type) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        if (type != null) {
            config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type.getName());
        }
        return new ConfluentAvroSerde<>(registryClient(), config, false);
    }

    /** The topology on this broker's registry, with the catalogue's names, 12 partitions and the default model. */
    ScoringTopology.Config topologyConfig() {
        return new ScoringTopology.Config(
                "household.events",
                "household.scores",
                "household.warnings",
                "scoring.models",
                "household.events.dlq",
                12,
                serde(org.zhengce.events.HouseholdEvent.class),
                serde(null),
                serde(org.zhengce.events.ScoringModelPublished.class),
                org.zhengce.scoring.model.ScoringModel.defaultModel(),
                Duration.ofSeconds(1),
                20_000,
                ScoringTopology.DeadLetterCounter.none());
    }

    /** Sends {@code events} to {@code household.events}, each keyed by its subject as intake keys it, and flushes. */
    void produce(List<org.zhengce.events.HouseholdEvent> events) {
        Map<String, Object> config = Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG,
                "all");
        try (var producer =
                new org.apache.kafka.clients.producer.KafkaProducer<String, org.zhengce.events.HouseholdEvent>(
                        config,
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.zhengce.schemas.serde.ConfluentAvroSerializer<>(registryClient()))) {
            for (org.zhengce.events.HouseholdEvent event : events) {
                String key = event.getSubject() instanceof org.zhengce.events.HouseholdNumber h
                        ? h.getValue()
                        : ((org.zhengce.events.PersonPseudonym) event.getSubject()).getValue();
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("household.events", key, event));
            }
            producer.flush();
        }
    }

    /** Every committed value of {@code topic} now (read committed, from the beginning, up to 30 s). */
    List<SpecificRecord> readCommitted(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<SpecificRecord> values = new ArrayList<>();
        ConfluentAvroSerde<SpecificRecord> serde = serde(null);
        try (KafkaConsumer<String, SpecificRecord> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), serde.deserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
    }
}
