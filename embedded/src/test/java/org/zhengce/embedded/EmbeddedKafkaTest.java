package org.zhengce.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.zhengce.embedded.KafkaClients.admin;
import static org.zhengce.embedded.KafkaClients.consumer;
import static org.zhengce.embedded.KafkaClients.createTopic;
import static org.zhengce.embedded.KafkaClients.producer;
import static org.zhengce.embedded.KafkaClients.readValues;
import static org.zhengce.embedded.KafkaClients.send;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker shared by the tests of this class; each test uses its own topics and groups. */
class EmbeddedKafkaTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void recordsProducedAreConsumedInOrder() throws Exception {
        createTopic(kafka, new NewTopic("household.events", 3, (short) 1));

        send(kafka, "household.events", List.of("registered", "member-joined", "economic-check-done"));

        assertThat(readValues(kafka, "household.events", "order-reader", 3))
                .containsExactly("registered", "member-joined", "economic-check-done");
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        createTopic(kafka, new NewTopic("household.warnings", 1, (short) 1));
        try (KafkaProducer<String, String> producer =
                producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "scoring-1"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("household.warnings", "household-1", "warning-raised"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("household.warnings", "household-1", "aborted-warning"));
            // Written to the log before the abort, so only the transaction markers hide it.
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("household.warnings", "household-1", "warning-cleared"));
            producer.commitTransaction();
        }

        // The last committed record arrives after the aborted one, so reading up to it proves the
        // aborted record was skipped rather than not yet delivered.
        assertThat(readValues(
                        kafka,
                        "household.warnings",
                        "committed-reader",
                        2,
                        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")))
                .containsExactly("warning-raised", "warning-cleared");
        assertThat(readValues(kafka, "household.warnings", "uncommitted-reader", 3))
                .containsExactly("warning-raised", "aborted-warning", "warning-cleared");
    }

    @Test
    void consumedOffsetsAndProducedRecordsCommitInOneTransaction() throws Exception {
        createTopic(kafka, new NewTopic("case.commands", 1, (short) 1));
        createTopic(kafka, new NewTopic("case.events", 1, (short) 1));
        send(kafka, "case.commands", List.of("open-case"));

        try (KafkaConsumer<String, String> consumer = consumer(
                        kafka,
                        "referral",
                        Map.of(
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false));
                KafkaProducer<String, String> producer =
                        producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "referral-1"))) {
            producer.initTransactions();
            consumer.subscribe(List.of("case.commands"));
            ConsumerRecords<String, String> commands = pollUntilNotEmpty(consumer);
            producer.beginTransaction();
            for (ConsumerRecord<String, String> command : commands) {
                producer.send(new ProducerRecord<>("case.events", command.key(), "case-opened"));
            }
            producer.sendOffsetsToTransaction(
                    Map.of(new TopicPartition("case.commands", 0), new OffsetAndMetadata(1)), consumer.groupMetadata());
            producer.commitTransaction();
        }

        try (Admin admin = admin(kafka)) {
            assertThat(admin.listConsumerGroupOffsets("referral")
                            .partitionsToOffsetAndMetadata()
                            .get())
                    .containsEntry(new TopicPartition("case.commands", 0), new OffsetAndMetadata(1));
        }
        assertThat(readValues(
                        kafka,
                        "case.events",
                        "case-event-reader",
                        1,
                        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")))
                .containsExactly("case-opened");
    }

    @Test
    void compactedTopicCanBeCreated() throws Exception {
        createTopic(
                kafka,
                new NewTopic("household.portraits", 2, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));

        try (Admin admin = admin(kafka)) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "household.portraits");
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG))
                    .extracting(ConfigEntry::value, ConfigEntry::source)
                    .containsExactly(TopicConfig.CLEANUP_POLICY_COMPACT, ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
        // A compacted topic takes keyed records and tombstones.
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            producer.send(new ProducerRecord<>("household.portraits", "household-1", "portrait-v1"))
                    .get();
            producer.send(new ProducerRecord<>("household.portraits", "household-1", null))
                    .get();
        }
    }

    @Test
    void topicsAreNotCreatedAutomatically() throws Exception {
        try (Admin admin = admin(kafka)) {
            assertThatThrownBy(() -> admin.describeTopics(List.of("never.created"))
                            .allTopicNames()
                            .get())
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void logCleanerRunsSoCompactionHappens() throws Exception {
        try (Admin admin = admin(kafka)) {
            Config broker = brokerConfig(admin);
            assertThat(broker.get("log.cleaner.enable").value()).isEqualTo("true");
            assertThat(broker.get("log.cleaner.threads").value()).isEqualTo("1");
        }
    }

    @Test
    void secondBrokerGetsItsOwnFreePortAndOverrides() throws Exception {
        try (EmbeddedKafka second = EmbeddedKafka.builder()
                        .brokerProperty("log.retention.hours", "24")
                        .start();
                Admin admin = admin(second)) {
            assertThat(second.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
            assertThat(second.clusterId()).isNotEqualTo(kafka.clusterId());
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(second.clusterId());
            assertThat(brokerConfig(admin).get("log.retention.hours").value()).isEqualTo("24");
        }
    }

    @Test
    void exitRequestedByKafkaCodeDoesNotEndTheJvm() throws Exception {
        assertThatThrownBy(() -> Exit.exit(1, "simulated fatal error"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> Exit.halt(2)).isInstanceOf(IllegalStateException.class);

        assertThat(EmbeddedKafka.refusedExits())
                .contains(
                        new EmbeddedKafka.RefusedExit("exit", 1, "simulated fatal error"),
                        new EmbeddedKafka.RefusedExit("halt", 2, ""));
        try (Admin admin = admin(kafka)) {
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
        }
    }

    @Test
    void takenFixedPortFailsFastAndNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() ->
                            EmbeddedKafka.builder().port(taken.getLocalPort()).start())
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
        try (Admin admin = admin(kafka)) {
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
        }
    }

    @Test
    void settingsThatShapeTheNodeCannotBeOverridden() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().brokerProperty("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
        assertThatThrownBy(() -> EmbeddedKafka.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    private static Config brokerConfig(Admin admin) throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
        return admin.describeConfigs(List.of(broker)).all().get().get(broker);
    }

    private static ConsumerRecords<String, String> pollUntilNotEmpty(KafkaConsumer<String, String> consumer) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> consumer.poll(Duration.ofMillis(200)), records -> !records.isEmpty());
    }
}
