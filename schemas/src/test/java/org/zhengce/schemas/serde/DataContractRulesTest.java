package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.schemas.serde.Fixtures.TOPIC;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.FakeRegistryExtension;
import org.zhengce.schemas.registry.FakeSchemaRegistry;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.registry.Rule;
import org.zhengce.schemas.rules.ContractFixtures;
import org.zhengce.schemas.rules.RuleFailedException;

/**
 * The domain rules of the version a record is written or read with, run by the serde as Confluent's serdes run them:
 * the contract is registered with the schema first, the serializer's auto-registration then lands on that version.
 */
class DataContractRulesTest {

    static final String SUBJECT = TOPIC + "-value";

    @RegisterExtension
    final FakeRegistryExtension fake = new FakeRegistryExtension();

    FakeSchemaRegistry registry;
    HttpSchemaRegistryClient client;

    @BeforeEach
    void useRegistry() {
        registry = fake.registry();
        client = fake.client();
    }

    @Test
    void conditionThatHoldsLetsTheRecordThroughUnchanged() {
        publish(DataContract.ofDomainRules(incomeNotNegative(null)));

        byte[] payload = serializer().serialize(TOPIC, Fixtures.householdV1());

        assertThat(new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, payload))
                .isEqualTo(Fixtures.householdV1());
    }

    @Test
    void conditionThatFailsRefusesTheRecordNamingTheRule() {
        publish(DataContract.ofDomainRules(incomeNotNegative(null)));

        assertThatThrownBy(() -> serializer().serialize(TOPIC, household(-1L)))
                .isInstanceOfSatisfying(RuleFailedException.class, failed -> {
                    assertThat(failed.ruleName()).isEqualTo("incomeNotNegative");
                    assertThat(failed.mode()).isEqualTo("WRITE");
                })
                .hasMessageContaining("incomeNotNegative");
    }

    @Test
    void failureWithActionNoneIsIgnored() {
        publish(DataContract.ofDomainRules(incomeNotNegative("NONE")));

        byte[] payload = serializer().serialize(TOPIC, household(-1L));

        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, payload);
        assertThat(read.get("monthlyIncomeFen")).isEqualTo(-1L);
    }

    @Test
    void disabledRuleDoesNotRun() {
        Rule rule = incomeNotNegative(null);
        Rule disabled = new Rule(
                rule.name(),
                null,
                rule.kind(),
                rule.mode(),
                rule.type(),
                Set.of(),
                Map.of(),
                rule.expr(),
                null,
                null,
                true);
        publish(DataContract.ofDomainRules(disabled));

        assertThat(serializer().serialize(TOPIC, household(-1L))).isNotNull();
    }

    @Test
    void writeRuleDoesNotRunOnReadingAndReadRuleNotOnWriting() {
        publish(DataContract.ofDomainRules(
                Rule.of("readerWantsIncome", "CONDITION", "READ", "CEL", "message.monthlyIncomeFen > 0", null, null)));

        byte[] payload = serializer().serialize(TOPIC, household(0L));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, payload))
                .isInstanceOfSatisfying(RuleFailedException.class, failed -> {
                    assertThat(failed.ruleName()).isEqualTo("readerWantsIncome");
                    assertThat(failed.mode()).isEqualTo("READ");
                });
    }

    @Test
    void writeReadActionsNameOneActionPerDirection() {
        publish(DataContract.ofDomainRules(Rule.of(
                "incomePositive",
                "CONDITION",
                "WRITEREAD",
                "CEL",
                "message.monthlyIncomeFen > 0",
                null,
                "NONE,ERROR")));

        byte[] payload = serializer().serialize(TOPIC, household(0L));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, payload))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("READ");
    }

    @Test
    void guardFalseSkipsTheCondition() {
        publish(DataContract.ofDomainRules(Rule.of(
                "incomeWhenMembers",
                "CONDITION",
                "WRITE",
                "CEL",
                "message.memberCount > 0 ; message.monthlyIncomeFen > 0",
                null,
                null)));
        GenericRecord empty = household(0L);
        empty.put("memberCount", 0);

        assertThat(serializer().serialize(TOPIC, empty)).isNotNull();
        assertThatThrownBy(() -> serializer().serialize(TOPIC, household(0L))).isInstanceOf(RuleFailedException.class);
    }

    @Test
    void expressionThatDoesNotCompileFailsItsRule() {
        publish(DataContract.ofDomainRules(
                Rule.of("broken", "CONDITION", "WRITE", "CEL", "message.monthlyIncomeFen >", null, null)));

        assertThatThrownBy(() -> serializer().serialize(TOPIC, Fixtures.householdV1()))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("broken")
                .hasMessageContaining("does not compile");
    }

    @Test
    void conditionGivingNoBoolFailsItsRule() {
        publish(DataContract.ofDomainRules(
                Rule.of("notABool", "CONDITION", "WRITE", "CEL", "message.monthlyIncomeFen", null, null)));

        assertThatThrownBy(() -> serializer().serialize(TOPIC, Fixtures.householdV1()))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("not a bool");
    }

    @Test
    void messageTransformWritesTheNewRecordAndLeavesTheCallersAlone() {
        publish(DataContract.ofDomainRules(Rule.of(
                "prefixHousehold",
                "TRANSFORM",
                "WRITE",
                "CEL",
                "{'householdId': 'city-' + message.householdId, 'memberCount': message.memberCount,"
                        + " 'monthlyIncomeFen': message.monthlyIncomeFen}",
                null,
                null)));
        GenericRecord household = Fixtures.householdV1();

        byte[] payload = serializer().serialize(TOPIC, household);

        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, payload);
        assertThat(read.get("householdId")).isEqualTo(new Utf8("city-H-0001"));
        assertThat(read.get("monthlyIncomeFen")).isEqualTo(125_000L);
        assertThat(household).isEqualTo(Fixtures.householdV1());
    }

    @Test
    void fieldConditionRunsOnTheFieldsTaggedInMetadata() {
        DataContract contract = new DataContract(
                Map.of("org.zhengce.schemas.serde.TestHousehold.*Fen", Set.of("MONEY")),
                Map.of(),
                java.util.List.of(
                        Rule.of("moneyNotNegative", "CONDITION", "WRITE", "CEL_FIELD", "value >= 0", null, null)
                                .withTags(Set.of("MONEY"))),
                java.util.List.of());
        publish(contract);
        GenericRecord negativeMembers = Fixtures.householdV1();
        negativeMembers.put("memberCount", -3);

        assertThat(serializer().serialize(TOPIC, negativeMembers)).isNotNull();
        assertThatThrownBy(() -> serializer().serialize(TOPIC, household(-5L)))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("TestHousehold.monthlyIncomeFen");
    }

    @Test
    void fieldConditionWithoutTagsSeesEveryFieldByNameAndType() {
        publish(DataContract.ofDomainRules(Rule.of(
                "countsNotNegative",
                "CONDITION",
                "WRITE",
                "CEL_FIELD",
                "typeName == 'INT' || typeName == 'LONG' ; value >= 0",
                null,
                null)));
        GenericRecord negativeMembers = Fixtures.householdV1();
        negativeMembers.put("memberCount", -3);

        assertThat(serializer().serialize(TOPIC, Fixtures.householdV1())).isNotNull();
        assertThatThrownBy(() -> serializer().serialize(TOPIC, negativeMembers))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("TestHousehold.memberCount");
    }

    @Test
    void fieldTransformOnReadChangesWhatTheReaderGetsNotWhatWasWritten() {
        publish(DataContract.ofDomainRules(Rule.of(
                "maskHousehold", "TRANSFORM", "READ", "CEL_FIELD", "name == 'householdId' ; 'H-****'", null, null)));

        byte[] payload = serializer().serialize(TOPIC, Fixtures.householdV1());

        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, payload);
        assertThat(read.get("householdId").toString()).isEqualTo("H-****");
        assertThat(read.get("memberCount")).isEqualTo(3);
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("H-0001");
    }

    @Test
    void fieldTransformKeepsAGeneratedClass() {
        client.register(
                SUBJECT,
                Fixtures.HOUSEHOLD_V2,
                DataContract.ofDomainRules(Rule.of(
                        "roundIncome",
                        "TRANSFORM",
                        "WRITE",
                        "CEL_FIELD",
                        "name == 'monthlyIncomeFen' ; value - value % 100",
                        null,
                        null)));
        TestHousehold household = new TestHousehold("H-0002", 2, 80_055L, "330102");

        byte[] payload = new ConfluentAvroSerializer<TestHousehold>(client).serialize(TOPIC, household);

        TestHousehold read = ConfluentAvroDeserializer.forSpecific(client, TestHousehold.class)
                .deserialize(TOPIC, payload);
        assertThat(read.get(2)).isEqualTo(80_000L);
        assertThat(household.get(2)).isEqualTo(80_055L);
    }

    @Test
    void deadLetterActionSendsTheRecordWithTheRuleNamedAndRefusesIt() {
        publish(DataContract.ofDomainRules(
                incomeNotNegative("DLQ").withParams(Map.of("dlq.topic", "household.events.refused"))));
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ConfluentAvroSerializer<GenericRecord> serializer =
                new ConfluentAvroSerializer<>(client, Map.of(SerdeConfig.RULE_DLQ_PRODUCER, producer), false);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("ce_id", "e-1".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, headers, household(-1L)))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("household.events.refused");

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.topic()).isEqualTo("household.events.refused");
        assertThat(text(dead, "__rule.name")).isEqualTo("incomeNotNegative");
        assertThat(text(dead, "__rule.mode")).isEqualTo("WRITE");
        assertThat(text(dead, "__rule.subject")).isEqualTo(SUBJECT);
        assertThat(text(dead, "__rule.topic")).isEqualTo(TOPIC);
        assertThat(text(dead, "ce_id")).isEqualTo("e-1");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"monthlyIncomeFen\":-1");
    }

    @Test
    void deadLetterActionOnReadSendsThePayloadAsRead() {
        publish(DataContract.ofDomainRules(
                Rule.of("readerWantsIncome", "CONDITION", "READ", "CEL", "message.monthlyIncomeFen > 0", null, "DLQ")
                        .withParams(Map.of("dlq.topic", "household.events.unread"))));
        byte[] payload = serializer().serialize(TOPIC, household(0L));
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ConfluentAvroDeserializer<GenericRecord> deserializer =
                new ConfluentAvroDeserializer<>(client, Map.of(SerdeConfig.RULE_DLQ_PRODUCER, producer), false);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new RecordHeaders(), payload))
                .isInstanceOf(RuleFailedException.class);

        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(dead.value()).isEqualTo(payload);
            assertThat(text(dead, "__rule.mode")).isEqualTo("READ");
        });
    }

    @Test
    void deadLetterRuleWithoutTopicStillRefusesTheRecord() {
        publish(DataContract.ofDomainRules(incomeNotNegative("DLQ")));
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ConfluentAvroSerializer<GenericRecord> serializer =
                new ConfluentAvroSerializer<>(client, Map.of(SerdeConfig.RULE_DLQ_PRODUCER, producer), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, household(-1L)))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("dlq.topic");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void rulesCostNoRequestAfterTheFirstRecord() {
        publish(DataContract.ofDomainRules(incomeNotNegative(null)));
        HttpSchemaRegistryClient producerSide = new HttpSchemaRegistryClient(java.util.List.of(registry.url()), null);
        HttpSchemaRegistryClient consumerSide = new HttpSchemaRegistryClient(java.util.List.of(registry.url()), null);
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(producerSide);
        ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>(consumerSide);

        for (int i = 0; i < 100; i++) {
            deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, household(i)));
        }

        assertThat(producerSide.httpRequestCount()).isEqualTo(1);
        assertThat(consumerSide.httpRequestCount()).isEqualTo(1);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, household(-1L))).isInstanceOf(RuleFailedException.class);
    }

    @Test
    void ruleExecutionCanBeSwitchedOff() {
        publish(DataContract.ofDomainRules(incomeNotNegative(null)));
        ConfluentAvroSerializer<GenericRecord> serializer =
                new ConfluentAvroSerializer<>(client, Map.of(SerdeConfig.RULE_EXECUTION, "false"), false);

        assertThat(serializer.serialize(TOPIC, household(-1L))).isNotNull();
    }

    @Test
    void ownerPublishesTheStandardsContractWithItsRegistrationOthersLandOnIt() {
        ConfluentAvroSerializer<HouseholdEvent> owner =
                new ConfluentAvroSerializer<>(client, Map.of(SerdeConfig.PUBLISH_DATA_CONTRACTS, true), false);
        ConfluentAvroSerializer<HouseholdEvent> other = new ConfluentAvroSerializer<>(client);
        HouseholdEvent valid = householdEvent(1L);

        byte[] published = owner.serialize("household.events", valid);
        byte[] plain = other.serialize("household.events", valid);

        assertThat(plain).isEqualTo(published);
        assertThat(client.contractById(client.idOf("household.events-value", HouseholdEvent.getClassSchema()))
                        .domainRules())
                .extracting(Rule::name)
                .contains("amountsNotNegative");
        assertThatThrownBy(() -> other.serialize("household.events", householdEvent(-1L)))
                .isInstanceOfSatisfying(
                        RuleFailedException.class,
                        failed -> assertThat(failed.ruleName()).isEqualTo("amountsNotNegative"));
    }

    @Test
    void withoutPublishingAWriterRegistersTheSchemaAlone() {
        new ConfluentAvroSerializer<HouseholdEvent>(client).serialize("household.events", householdEvent(-1L));

        assertThat(client.contractById(client.idOf("household.events-value", HouseholdEvent.getClassSchema())))
                .isEqualTo(DataContract.NONE);
    }

    private static HouseholdEvent householdEvent(long outOfPocketFen) {
        return ContractFixtures.medicalExpense(8_650_000L, outOfPocketFen).build();
    }

    private void publish(DataContract contract) {
        client.register(SUBJECT, Fixtures.HOUSEHOLD_V1, contract);
    }

    private ConfluentAvroSerializer<GenericRecord> serializer() {
        return new ConfluentAvroSerializer<>(client);
    }

    private static Rule incomeNotNegative(@Nullable String onFailure) {
        return Rule.of(
                "incomeNotNegative", "CONDITION", "WRITE", "CEL", "message.monthlyIncomeFen >= 0", null, onFailure);
    }

    private static GenericRecord household(long monthlyIncomeFen) {
        GenericRecord household = new GenericData.Record(Fixtures.HOUSEHOLD_V1);
        household.put("householdId", "H-0001");
        household.put("memberCount", 3);
        household.put("monthlyIncomeFen", monthlyIncomeFen);
        return household;
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
