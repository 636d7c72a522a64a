package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.schemas.serde.Fixtures.TOPIC;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zhengce.schemas.registry.FakeSchemaRegistry;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.registry.SchemaNotFoundException;
import org.zhengce.schemas.registry.SchemaRegistryUnavailableException;

class BadPayloadTest {

    FakeSchemaRegistry registry;
    HttpSchemaRegistryClient client;
    ConfluentAvroDeserializer<GenericRecord> deserializer;
    byte[] valid;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.start();
        client = new HttpSchemaRegistryClient(List.of(registry.url()), null);
        deserializer = new ConfluentAvroDeserializer<>(client);
        valid = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.householdV1());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void wrongMagicByteNamesTheByteFound() {
        byte[] payload = valid.clone();
        payload[0] = 1;

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOfSatisfying(
                        UnknownMagicByteException.class,
                        e -> assertThat(e.magicByte()).isEqualTo((byte) 1))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown magic byte 0x01");
    }

    @Test
    void schemaIdUnknownToTheRegistryNamesTheId() {
        byte[] payload = {0, 0, 0, 0, 99, 2};

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
                    assertThat(e.schemaId()).isEqualTo(99);
                    assertThat(e.getCause())
                            .isInstanceOfSatisfying(
                                    SchemaNotFoundException.class,
                                    cause -> assertThat(cause.errorCode()).isEqualTo(40403));
                })
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 99 is unknown");
    }

    @Test
    void threeBytesAreTooShortForTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0}))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("payload of 3 bytes is shorter than the 5-byte Confluent header");
    }

    @Test
    void emptyPayloadIsTruncatedNotATombstone() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("payload of 0 bytes");
    }

    @Test
    void avroBodyCutShortIsTruncated() {
        byte[] payload = Arrays.copyOf(valid, valid.length - 2);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("Avro body of " + (payload.length - 5) + " bytes ends before a whole"
                        + " org.zhengce.schemas.serde.TestHousehold (schema id 1)");
    }

    @Test
    void bodyCutShortAfterWholePayloadsOnTheSameThreadIsStillTruncated() {
        GenericRecord first = deserializer.deserialize(TOPIC, valid);
        GenericRecord second = deserializer.deserialize(TOPIC, valid);
        byte[] cut = Arrays.copyOf(valid, valid.length - 1);

        assertThat(second).isEqualTo(first).isEqualTo(Fixtures.householdV1());
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, cut)).isInstanceOf(TruncatedPayloadException.class);
        assertThat(deserializer.deserialize(TOPIC, valid)).isEqualTo(Fixtures.householdV1());
    }

    @Test
    void payloadInsideALargerBufferIsReadToItsOwnEndOnly() {
        // as a consumer hands it: a slice of the fetched batch, other records' bytes after it
        byte[] batch = new byte[valid.length + 64];
        Arrays.fill(batch, (byte) 7);
        System.arraycopy(valid, 0, batch, 16, valid.length - 1);
        java.nio.ByteBuffer cut = java.nio.ByteBuffer.wrap(batch, 16, valid.length - 1);
        System.arraycopy(valid, 0, batch, 16, valid.length);
        java.nio.ByteBuffer whole = java.nio.ByteBuffer.wrap(batch, 16, valid.length);

        assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), whole)).isEqualTo(Fixtures.householdV1());
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new RecordHeaders(), cut))
                .isInstanceOf(TruncatedPayloadException.class);
    }

    @Test
    void stringLengthPastTheEndIsTruncated() {
        byte[] payload = {0, 0, 0, 0, 1, 100, 'H'};

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOf(TruncatedPayloadException.class)
                .hasMessageContaining("Avro body of 2 bytes");
    }

    @Test
    void negativeStringLengthIsMalformed() {
        byte[] payload = {0, 0, 0, 0, 1, 1, 6, 0};

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("Avro body of 3 bytes is not a valid org.zhengce.schemas.serde.TestHousehold");
    }

    @Test
    void payloadOfAnIncompatibleSchemaIsMalformedForTheReader() {
        byte[] caseOpened = new ConfluentAvroSerializer<GenericRecord>(client).serialize(TOPIC, Fixtures.caseOpened());
        ConfluentAvroDeserializer<GenericRecord> households =
                ConfluentAvroDeserializer.forReaderSchema(client, Fixtures.HOUSEHOLD_V2);

        assertThatThrownBy(() -> households.deserialize(TOPIC, caseOpened))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("org.zhengce.test.CaseOpened");
    }

    @Test
    void unreachableRegistryIsRetryableNotAPoisonPill() throws IOException {
        ConfluentAvroDeserializer<GenericRecord> cutOff =
                new ConfluentAvroDeserializer<>(new HttpSchemaRegistryClient(List.of(closedPortUrl()), null));

        assertThatThrownBy(() -> cutOff.deserialize(TOPIC, valid))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .isInstanceOf(RetriableException.class)
                .isNotInstanceOf(SerializationException.class);
    }

    private static URI closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
