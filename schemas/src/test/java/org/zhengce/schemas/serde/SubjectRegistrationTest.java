package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.schemas.serde.Fixtures.TOPIC;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zhengce.schemas.registry.FakeRegistryExtension;
import org.zhengce.schemas.registry.FakeSchemaRegistry;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.registry.SchemaNotFoundException;

class SubjectRegistrationTest {

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
    void topicNameStrategyRegistersValuesAndKeysUnderTheTopic() {
        new ConfluentAvroSerializer<Object>(client, Map.of(), false).serialize(TOPIC, Fixtures.householdV1());
        new ConfluentAvroSerializer<Object>(client, Map.of(), true).serialize(TOPIC, "H-0001");

        assertThat(registry.subjects()).containsExactly("household.events-value", "household.events-key");
    }

    @Test
    void recordNameStrategyRegistersEachRecordTypeUnderItsFullName() {
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(
                client,
                Map.of(
                        SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                        "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
                false);

        serializer.serialize(TOPIC, Fixtures.householdV1());
        serializer.serialize(TOPIC, Fixtures.caseOpened());

        assertThat(registry.subjects())
                .containsExactly("org.zhengce.schemas.serde.TestHousehold", "org.zhengce.test.CaseOpened");
    }

    @Test
    void keyStrategyIsConfiguredApartFromValueStrategy() {
        Map<String, String> configs = Map.of(
                SerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "RecordNameStrategy",
                SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicNameStrategy");

        new ConfluentAvroSerializer<Object>(client, configs, true).serialize(TOPIC, Fixtures.caseOpened());
        new ConfluentAvroSerializer<Object>(client, configs, false).serialize(TOPIC, Fixtures.caseOpened());

        assertThat(registry.subjects()).containsExactly("org.zhengce.test.CaseOpened", "household.events-value");
    }

    @Test
    void useLatestVersionWritesWithTheLatestRegisteredSchemaAndRegistersNothing() {
        client.register("household.events-value", Fixtures.HOUSEHOLD_V1);
        int latestId = client.register("household.events-value", Fixtures.HOUSEHOLD_V2);
        int setupRequests = registry.requests().size();
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(
                new HttpSchemaRegistryClient(List.of(registry.url()), null),
                Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false", SerdeConfig.USE_LATEST_VERSION, "true"),
                false);
        GenericRecord household = householdWithUnregisteredSchema();

        byte[] first = serializer.serialize(TOPIC, household);
        byte[] second = serializer.serialize(TOPIC, household);

        assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(latestId);
        assertThat(second).isEqualTo(first);
        assertThat(registry.requests()
                        .subList(setupRequests, registry.requests().size()))
                .containsExactly("GET /subjects/household.events-value/versions/latest");
        assertThat(new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, first))
                .satisfies(read -> assertThat(read.getSchema()).isEqualTo(Fixtures.HOUSEHOLD_V2))
                .satisfies(read -> assertThat(read.get("communityCode")).hasToString("330102"));
    }

    @Test
    void withoutAutoRegistrationAnExistingIdIsLookedUp() {
        int id = client.register("household.events-value", Fixtures.HOUSEHOLD_V1);
        HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(List.of(registry.url()), null);
        ConfluentAvroSerializer<GenericRecord> serializer =
                new ConfluentAvroSerializer<>(fresh, Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        byte[] payload = serializer.serialize(TOPIC, Fixtures.householdV1());

        assertThat(ByteBuffer.wrap(payload, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.requests()).last().isEqualTo("POST /subjects/household.events-value");
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefused() {
        ConfluentAvroSerializer<GenericRecord> serializer =
                new ConfluentAvroSerializer<>(client, Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, Fixtures.householdV1()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject household.events-value")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void basicAuthFromUserInfoReachesTheRegistry() throws IOException {
        try (FakeSchemaRegistry secured = FakeSchemaRegistry.startWithBasicAuth("intake:s3cret")) {
            ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>();
            serializer.configure(
                    Map.of(
                            SerdeConfig.SCHEMA_REGISTRY_URL, secured.url().toString(),
                            SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                            SerdeConfig.BASIC_AUTH_USER_INFO, "intake:s3cret"),
                    false);

            serializer.serialize(TOPIC, Fixtures.householdV1());

            assertThat(secured.subjects()).containsExactly("household.events-value");
            assertThat(secured.lastHeaders()).containsEntry("authorization", "Basic aW50YWtlOnMzY3JldA==");
        }
    }

    @Test
    void recordThatDoesNotFitItsSchemaIsASerializationError() {
        GenericRecord incomplete = new GenericData.Record(Fixtures.HOUSEHOLD_V1);
        incomplete.put("householdId", "H-0004");
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(client);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("org.zhengce.schemas.serde.TestHousehold");
    }

    @Test
    void unsupportedJavaTypeIsRefusedNamingIt() {
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(client);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, LocalDate.of(2025, 1, 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected a SpecificRecord, a GenericContainer or an Avro primitive");
    }

    /** A V2 household whose schema carries a doc the registry has never seen. */
    private static GenericRecord householdWithUnregisteredSchema() {
        Schema documented = SchemaBuilder.record("TestHousehold")
                .namespace("org.zhengce.schemas.serde")
                .doc("户 (household), not registered in this shape")
                .fields()
                .requiredString("householdId")
                .requiredInt("memberCount")
                .requiredLong("monthlyIncomeFen")
                .name("communityCode")
                .type()
                .stringType()
                .stringDefault("unknown")
                .endRecord();
        GenericRecord household = new GenericData.Record(documented);
        household.put("householdId", "H-0005");
        household.put("memberCount", 4);
        household.put("monthlyIncomeFen", 300_000L);
        household.put("communityCode", "330102");
        return household;
    }
}
