package org.zhengce.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.zhengce.registry.Fixtures.record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.compatibility.CompatibilityLevel;
import org.zhengce.registry.store.RegistryEvent.CompatibilitySet;
import org.zhengce.registry.store.RegistryEvent.ModeSet;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionSaved;
import org.zhengce.registry.subjects.SchemaRegistry;
import org.zhengce.registry.subjects.SchemaRequest;

/** The Kafka store against a real in-process broker; each test uses its own topic. */
class KafkaRegistryStoreTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder()
                .brokerProperty("log.cleaner.backoff.ms", "100")
                .start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void startCreatesACompactedSinglePartitionTopic() throws Exception {
        try (KafkaRegistryStore store =
                        KafkaRegistryStore.start(kafka.bootstrapServers(), "_schemas_created", TIMEOUT);
                Admin admin = admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas_created");
            String policy = admin.describeConfigs(List.of(topic))
                    .all()
                    .get()
                    .get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                    .value();
            int partitions = admin.describeTopics(List.of("_schemas_created"))
                    .allTopicNames()
                    .get()
                    .get("_schemas_created")
                    .partitions()
                    .size();

            assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(partitions).isEqualTo(1);
        }
    }

    @Test
    void appendedEventsAreVisibleAsSoonAsAppendReturns() {
        try (KafkaRegistryStore store =
                KafkaRegistryStore.start(kafka.bootstrapServers(), "_schemas_visible", TIMEOUT)) {
            store.append(List.of(saved("orders-value", 1, 1)));

            assertThat(store.state().versions("orders-value"))
                    .containsExactly(saved("orders-value", 1, 1).version());
        }
    }

    @Test
    void aRestartedStoreReadsTheSameState() {
        try (KafkaRegistryStore store =
                KafkaRegistryStore.start(kafka.bootstrapServers(), "_schemas_restart", TIMEOUT)) {
            store.append(List.of(
                    saved("a-value", 1, 1),
                    saved("a-value", 2, 2),
                    saved("b-value", 1, 1),
                    new CompatibilitySet("a-value", "FULL"),
                    new ModeSet(null, "READONLY")));
        }

        try (KafkaRegistryStore store =
                KafkaRegistryStore.start(kafka.bootstrapServers(), "_schemas_restart", TIMEOUT)) {
            RegistryState state = store.state();

            assertThat(state.subjects()).containsExactly("a-value", "b-value");
            assertThat(state.versions("a-value")).extracting(SchemaVersion::id).containsExactly(1, 2);
            assertThat(state.versionsWithId(1))
                    .extracting(SchemaVersion::subject)
                    .containsExactly("a-value", "b-value");
            assertThat(state.compatibility("a-value")).contains("FULL");
            assertThat(state.mode(null)).contains("READONLY");
            assertThat(state.maxId()).isEqualTo(2);
            assertThat(store.caughtUpIn()).isPositive().isLessThan(TIMEOUT);
        }
    }

    @Test
    void aTopicThatIsNotCompactedIsRefused() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("_schemas_deleting", 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))))
                    .all()
                    .get();
        }

        assertThatThrownBy(() -> KafkaRegistryStore.start(kafka.bootstrapServers(), "_schemas_deleting", TIMEOUT))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cleanup.policy=compact");
    }

    @Test
    void theStoresClientsTakeTheClientPropertiesTheyAreGiven() {
        // a store told to log in with SASL cannot talk to this broker's plain listener: the properties reach its
        // clients
        Map<String, String> sasl = Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"r\" password=\"p\";");

        assertThatThrownBy(() -> KafkaRegistryStore.start(
                        kafka.bootstrapServers(), sasl, "_schemas_sasl", Duration.ofSeconds(3)))
                .isInstanceOf(StoreException.class);
        try (KafkaRegistryStore plain = KafkaRegistryStore.start(
                kafka.bootstrapServers(), Map.of("security.protocol", "PLAINTEXT"), "_schemas_plain", TIMEOUT)) {
            assertThat(plain.state()).isNotNull();
        }
    }

    @Test
    void idsAreNeverReusedAfterPermanentDeleteCompactionAndRestart() throws Exception {
        String topic = "_schemas_compacted";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of(
                                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                    TopicConfig.SEGMENT_MS_CONFIG, "100",
                                    TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.001",
                                    TopicConfig.DELETE_RETENTION_MS_CONFIG, "0",
                                    TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0"))))
                    .all()
                    .get();
        }
        int erasedId;
        try (KafkaRegistryStore store = KafkaRegistryStore.start(kafka.bootstrapServers(), topic, TIMEOUT)) {
            SchemaRegistry registry = new SchemaRegistry(store, CompatibilityLevel.BACKWARD);
            registry.register("kept-value", SchemaRequest.of(record("Kept")));
            erasedId = registry.register("erased-value", SchemaRequest.of(record("Erased")))
                    .id();
            registry.deleteSubject("erased-value", false);
            registry.deleteSubject("erased-value", true);

            // Rolls segments with harmless writes until the cleaner has removed every record of the
            // erased subject, including its tombstones.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        store.append(List.of(new CompatibilitySet(null, "BACKWARD")));
                        assertThat(recordsMentioning(topic, "erased-value")).isEmpty();
                    });
        }

        try (KafkaRegistryStore store = KafkaRegistryStore.start(kafka.bootstrapServers(), topic, TIMEOUT)) {
            SchemaRegistry registry = new SchemaRegistry(store, CompatibilityLevel.BACKWARD);

            assertThat(store.state().subjects()).containsExactly("kept-value");
            assertThat(registry.register("erased-value", SchemaRequest.of(record("Erased")))
                            .id())
                    .isGreaterThan(erasedId);
        }
    }

    private static List<String> recordsMentioning(String topic, String text) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            long end = consumer.endOffsets(Set.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (key.contains(text)) {
                        found.add(key);
                    }
                }
            }
        }
        return found;
    }

    private static SchemaVersionSaved saved(String subject, int version, int id) {
        return new SchemaVersionSaved(new SchemaVersion(subject, version, id, record("R" + id), false));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
