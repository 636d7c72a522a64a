package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.schemas.serde.Fixtures.TOPIC;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.schemas.registry.FakeRegistryExtension;
import org.zhengce.schemas.registry.FakeSchemaRegistry;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;

/**
 * The serde against a class the Avro compiler generated from our own schemas (the household event
 * envelope: enums, timestamps, unions of nested records), filled field by field from its schema so
 * the test does not depend on the fields of the day.
 */
class GeneratedClassRoundTripTest {

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
    void genericPayloadOfAGeneratedSchemaReadsAsTheGeneratedClassAndWritesBackIdentically() {
        Schema schema = HouseholdEvent.getClassSchema();
        byte[] payload =
                new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, (GenericRecord) sample(schema, 0));

        HouseholdEvent event = new ConfluentAvroDeserializer<HouseholdEvent>(
                        client, Map.of(SerdeConfig.SPECIFIC_AVRO_READER, "true"), false)
                .deserialize(TOPIC, payload);
        byte[] rewritten = new ConfluentAvroSerializer<HouseholdEvent>(client).serialize(TOPIC, event);

        assertThat(event).isInstanceOf(HouseholdEvent.class);
        assertThat(rewritten).isEqualTo(payload);
        assertThat(registry.subjects()).containsExactly("household.events-value");
    }

    /** A fixed value for every field: first union branch that is not null, first enum symbol. */
    private static Object sample(Schema schema, int depth) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = new GenericData.Record(schema);
                schema.getFields().forEach(field -> record.put(field.pos(), sample(field.schema(), depth + 1)));
                yield record;
            }
            case UNION -> {
                Schema branch = schema.getTypes().stream()
                        .filter(type -> type.getType() != Schema.Type.NULL)
                        .findFirst()
                        .orElse(schema.getTypes().get(0));
                yield depth > 8 && schema.getTypes().get(0).getType() == Schema.Type.NULL
                        ? null
                        : sample(branch, depth + 1);
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                items.add(sample(schema.getElementType(), depth + 1));
                yield new GenericData.Array<>(schema, items);
            }
            case MAP -> Map.of("k", sample(schema.getValueType(), depth + 1));
            case ENUM ->
                new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case STRING ->
                schema.getLogicalType() instanceof LogicalTypes.Uuid
                        ? "00000000-0000-0000-0000-000000000001"
                        : "s" + depth;
            case BYTES -> ByteBuffer.wrap(new byte[] {1});
            case INT -> 19_000 + depth;
            case LONG -> 1_700_000_000_000L + depth;
            case FLOAT -> 1.5f;
            case DOUBLE -> 2.5d;
            case BOOLEAN -> true;
            case NULL -> null;
        };
    }
}
