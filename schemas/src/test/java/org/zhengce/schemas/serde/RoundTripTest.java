package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.schemas.serde.Fixtures.TOPIC;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zhengce.schemas.registry.FakeRegistryExtension;
import org.zhengce.schemas.registry.FakeSchemaRegistry;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;

class RoundTripTest {

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
    void genericRecordComesBackEqual() {
        byte[] payload = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.householdV1());

        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, payload);

        assertThat(read).isEqualTo(Fixtures.householdV1());
        assertThat(read.get("householdId")).isEqualTo(new Utf8("H-0001"));
    }

    @Test
    void specificRecordComesBackAsItsClassWithSpecificReader() {
        TestHousehold household = new TestHousehold("H-0002", 2, 80_000L, "330102");
        byte[] payload = new ConfluentAvroSerializer<TestHousehold>(client).serialize(TOPIC, household);

        TestHousehold read = new ConfluentAvroDeserializer<TestHousehold>(
                        client, Map.of(SerdeConfig.SPECIFIC_AVRO_READER, "true"), false)
                .deserialize(TOPIC, payload);

        assertThat(read).isEqualTo(household);
        assertThat(read.communityCode()).isEqualTo("330102");
    }

    @Test
    void primitivesComeBackAsJavaValues() {
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(client);
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>(client);

        for (Object value : List.of("低保", 42, 7_000_000_000L, true, 2.5d, 1.5f)) {
            assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, value)))
                    .isEqualTo(value);
        }
        assertThat((byte[]) deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, new byte[] {1, 2, 3})))
                .containsExactly(1, 2, 3);
    }

    @Test
    void writerV1ReadWithReaderV2TakesTheNewFieldsDefault() {
        byte[] payload = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.householdV1());

        GenericRecord read = ConfluentAvroDeserializer.forReaderSchema(client, Fixtures.HOUSEHOLD_V2)
                .deserialize(TOPIC, payload);

        assertThat(read.getSchema()).isEqualTo(Fixtures.HOUSEHOLD_V2);
        assertThat(read.get("householdId")).hasToString("H-0001");
        assertThat(read.get("communityCode")).hasToString("unknown");
    }

    @Test
    void specificReaderResolvesAnOlderWriterIntoTheCurrentClass() {
        byte[] payload = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.householdV1());

        TestHousehold read = new ConfluentAvroDeserializer<TestHousehold>(
                        client, Map.of(SerdeConfig.SPECIFIC_AVRO_READER, true), false)
                .deserialize(TOPIC, payload);

        assertThat(read).isEqualTo(new TestHousehold("H-0001", 3, 125_000L, "unknown"));
    }

    @Test
    void configuredSpecificTypeIsTheReader() {
        byte[] payload = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.householdV1());

        TestHousehold read = new ConfluentAvroDeserializer<TestHousehold>(
                        client, Map.of(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, TestHousehold.class.getName()), false)
                .deserialize(TOPIC, payload);

        assertThat(read.householdId()).isEqualTo("H-0001");
        assertThat(ConfluentAvroDeserializer.forSpecific(client, TestHousehold.class)
                        .deserialize(TOPIC, payload))
                .isEqualTo(read);
    }

    @Test
    void specificReaderWithoutGeneratedClassSaysWhichIsMissing() {
        byte[] payload = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.caseOpened());
        ConfluentAvroDeserializer<Object> deserializer =
                new ConfluentAvroDeserializer<>(client, Map.of(SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no generated class org.zhengce.test.CaseOpened");
    }

    @Test
    void specificReaderRefusesAWriterNamingANonAvroClass() {
        Schema random = SchemaBuilder.record("Random")
                .namespace("java.util")
                .fields()
                .requiredInt("seed")
                .endRecord();
        GenericRecord record = new GenericData.Record(random);
        record.put("seed", 42);
        byte[] payload = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, record);
        ConfluentAvroDeserializer<Object> deserializer =
                new ConfluentAvroDeserializer<>(client, Map.of(SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.util.Random (schema id 1) names a class that is not Avro-generated")
                .hasCauseInstanceOf(SecurityException.class);
    }

    @Test
    void serdeConfiguredFromKafkaPropertiesRoundTrips() {
        try (ConfluentAvroSerde<GenericRecord> serde = new ConfluentAvroSerde<>()) {
            serde.configure(
                    Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url().toString()), false);

            byte[] payload = serde.serializer().serialize(TOPIC, Fixtures.householdV1());

            assertThat(serde.deserializer().deserialize(TOPIC, payload)).isEqualTo(Fixtures.householdV1());
            assertThat(registry.subjects()).containsExactly("household.events-value");
        }
    }

    @Test
    void byteBufferSliceIsReadInPlaceWithoutMovingIt() {
        byte[] payload = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.householdV1());
        byte[] fetched = new byte[payload.length + 7];
        System.arraycopy(payload, 0, fetched, 4, payload.length);
        ByteBuffer buffer = ByteBuffer.wrap(fetched, 4, payload.length).slice();

        GenericRecord read =
                new ConfluentAvroDeserializer<GenericRecord>(client).deserialize(TOPIC, new RecordHeaders(), buffer);

        assertThat(read).isEqualTo(Fixtures.householdV1());
        assertThat(buffer.position()).isZero();
        assertThat(new ConfluentAvroDeserializer<GenericRecord>(client)
                        .deserialize(TOPIC, new RecordHeaders(), buffer.asReadOnlyBuffer()))
                .isEqualTo(Fixtures.householdV1());
    }
}
