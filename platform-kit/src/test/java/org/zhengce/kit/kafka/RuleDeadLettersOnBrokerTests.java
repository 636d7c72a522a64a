package org.zhengce.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.InMemorySchemaRegistryClient;
import org.zhengce.schemas.registry.Rule;
import org.zhengce.schemas.rules.RuleFailedException;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * A record that breaks a data-contract rule whose failure action is DLQ lands on the rule's dead-letter topic of a real
 * broker, with the rule named in its headers, and the writer is refused: with the producer given in the serde's
 * config, and with the one the serde makes from its own {@code bootstrap.servers}.
 */
class RuleDeadLettersOnBrokerTests {

    private static final String TOPIC = "household.budgets";
    private static final String REFUSED = "household.budgets.refused";
    private static final Schema BUDGET = SchemaBuilder.record("HouseholdBudget")
            .namespace("org.zhengce.test")
            .fields()
            .requiredString("householdNumber")
            .requiredLong("monthlyIncomeFen")
            .endRecord();

    private static EmbeddedKafka broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafka.builder().start();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(REFUSED, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void brokenRuleSendsTheRecordToItsDeadLetterTopicWithTheGivenProducer() {
        InMemorySchemaRegistryClient registry = registryWithContract();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ConfluentAvroSerializer<GenericRecord> serializer =
                    new ConfluentAvroSerializer<>(registry, Map.of(SerdeConfig.RULE_DLQ_PRODUCER, producer), false);

            assertThat(serializer.serialize(TOPIC, budget("420106000001", 1L))).isNotNull();
            assertThatThrownBy(() -> serializer.serialize(TOPIC, budget("420106000002", -1L)))
                    .isInstanceOfSatisfying(
                            RuleFailedException.class,
                            failed -> assertThat(failed.ruleName()).isEqualTo("incomeNotNegative"));

            assertDeadLetter("420106000002");
        }
    }

    @Test
    void brokenRuleSendsTheRecordWithTheProducerTheSerdeMakes() {
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(
                registryWithContract(),
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, budget("420106000003", -7L)))
                .isInstanceOf(RuleFailedException.class);
        serializer.close();

        assertDeadLetter("420106000003");
    }

    private static InMemorySchemaRegistryClient registryWithContract() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.register(
                TOPIC + "-value",
                BUDGET,
                DataContract.ofDomainRules(Rule.of(
                                "incomeNotNegative",
                                "CONDITION",
                                "WRITE",
                                "CEL",
                                "message.monthlyIncomeFen >= 0",
                                null,
                                "DLQ")
                        .withParams(Map.of("dlq.topic", REFUSED))));
        return registry;
    }

    private static void assertDeadLetter(String householdNumber) {
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        TopicPartition partition = new TopicPartition(REFUSED, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return letters.stream().anyMatch(letter -> text(letter.value()).contains(householdNumber));
            });
        }
        ConsumerRecord<byte[], byte[]> letter = letters.stream()
                .filter(record -> text(record.value()).contains(householdNumber))
                .findFirst()
                .orElseThrow();
        assertThat(text(letter.headers().lastHeader("__rule.name").value())).isEqualTo("incomeNotNegative");
        assertThat(text(letter.headers().lastHeader("__rule.topic").value())).isEqualTo(TOPIC);
        assertThat(text(letter.headers().lastHeader("__rule.mode").value())).isEqualTo("WRITE");
        assertThat(letters).noneMatch(record -> text(record.value()).contains("420106000001"));
    }

    private static GenericRecord budget(String householdNumber, long monthlyIncomeFen) {
        GenericRecord budget = new GenericData.Record(BUDGET);
        budget.put("householdNumber", householdNumber);
        budget.put("monthlyIncomeFen", monthlyIncomeFen);
        return budget;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
