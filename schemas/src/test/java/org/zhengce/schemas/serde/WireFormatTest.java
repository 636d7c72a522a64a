package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.schemas.serde.Fixtures.TOPIC;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zhengce.schemas.registry.FakeSchemaRegistry;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;

class WireFormatTest {

    FakeSchemaRegistry registry;
    ConfluentAvroSerializer<Object> serializer;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.startWithFirstId(0x01020304);
        serializer = new ConfluentAvroSerializer<>(new HttpSchemaRegistryClient(List.of(registry.url()), null));
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void recordIsMagicByteThenBigEndianIdThenBareAvroBinary() throws IOException {
        byte[] payload = serializer.serialize(TOPIC, Fixtures.householdV1());

        assertThat(Arrays.copyOfRange(payload, 0, 5)).containsExactly(0, 1, 2, 3, 4);
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(payload, 5, payload.length - 5, null);
        assertThat(body.readString()).isEqualTo("H-0001");
        assertThat(body.readInt()).isEqualTo(3);
        assertThat(body.readLong()).isEqualTo(125_000L);
        assertThat(body.isEnd()).as("no container header, no trailing bytes").isTrue();
        assertThat(Arrays.copyOfRange(payload, 5, payload.length)).isEqualTo(avroBinary(Fixtures.householdV1()));
    }

    @Test
    void stringIsFramedWithTheStringSchemaId() {
        byte[] payload = serializer.serialize(TOPIC, "hello");

        assertThat(payload).containsExactly(0, 1, 2, 3, 4, 10, 'h', 'e', 'l', 'l', 'o');
        assertThat(registry.subjects()).containsExactly("household.events-value");
    }

    @Test
    void nullValueStaysNullForTombstones() {
        assertThat(serializer.serialize(TOPIC, null)).isNull();
        assertThat(new ConfluentAvroDeserializer<>(new HttpSchemaRegistryClient(List.of(registry.url()), null))
                        .deserialize(TOPIC, null))
                .isNull();
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void largeRecordGrowsTheBufferAndStaysExact() throws IOException {
        GenericRecord household = Fixtures.householdV1();
        household.put("householdId", "H".repeat(100_000));

        byte[] payload = serializer.serialize(TOPIC, household);
        byte[] small = serializer.serialize(TOPIC, Fixtures.householdV1());

        assertThat(payload).hasSize(5 + 3 + 100_000 + 1 + 3);
        assertThat(Arrays.copyOfRange(small, 5, small.length)).isEqualTo(avroBinary(Fixtures.householdV1()));
    }

    private static byte[] avroBinary(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
