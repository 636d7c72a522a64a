package org.zhengce.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.SchemaNotFoundException;
import org.zhengce.schemas.registry.SchemaRegistryClient;
import org.zhengce.schemas.registry.SubjectNameStrategy;
import org.zhengce.schemas.registry.TopicNameStrategy;
import org.zhengce.schemas.rules.DomainRules;

/**
 * Reads Confluent wire-format Avro: {@link GenericRecord}s by default, generated {@link
 * SpecificRecord}s with {@code specific.avro.reader=true} (the class named by the writer schema, or
 * the one in {@code specific.avro.key.type} / {@code specific.avro.value.type}). When the reader
 * schema differs from the writer's, Avro schema resolution applies (added fields take their
 * defaults). Avro strings at top level come back as {@link String}, bytes as {@code byte[]}.
 *
 * <p>A {@code null} payload (tombstone) gives {@code null}. A payload that cannot be read raises a
 * {@link SerializationException} subtype naming the reason, so error handlers can dead-letter it:
 * {@link UnknownMagicByteException}, {@link UnknownSchemaIdException}, {@link
 * TruncatedPayloadException} (the empty payload included), {@link MalformedPayloadException}. An
 * unreachable registry raises the retryable {@link
 * org.zhengce.schemas.registry.SchemaRegistryUnavailableException} instead.
 *
 * <p>The registry is asked once per schema id; readers are cached by id, the last one used at hand
 * without a map look-up. Each thread decodes with one {@link BinaryDecoder} of its own, reused
 * across records (with its scratch buffer for strings), rather than a new one per record.
 * Thread-safe once configured.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    private @Nullable SchemaRegistryClient client;
    private boolean specificAvroReader;
    private @Nullable Schema readerSchema;
    private boolean isKey;
    private SubjectNameStrategy subjectNameStrategy = new TopicNameStrategy();
    private boolean ruleExecution = true;
    private DomainRules rules = new DomainRules(Map.of());
    private final ConcurrentHashMap<Integer, SchemaReader> readers = new ConcurrentHashMap<>();
    /** The reader of the last payload: a topic's payloads mostly share one schema id. */
    private volatile @Nullable SchemaReader lastReader;

    /** Each thread's decoder, pointed at every payload in turn; Avro decoding never calls a deserializer. */
    private static final ThreadLocal<Decoders> DECODERS = ThreadLocal.withInitial(Decoders::new);

    /** For Kafka to instantiate by class name; {@link #configure} must follow. */
    public ConfluentAvroDeserializer() {}

    /** A deserializer on {@code client} returning {@link GenericRecord}s in their writer schema. */
    public ConfluentAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A deserializer on {@code client}; {@code configs} may omit {@code schema.registry.url}. */
    public ConfluentAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.client = client;
        configure(configs, isKey);
    }

    /** Reads every payload into {@code type}, resolving from the writer's schema when it differs. */
    public static <R extends SpecificRecord> ConfluentAvroDeserializer<R> forSpecific(
            SchemaRegistryClient client, Class<R> type) {
        ConfluentAvroDeserializer<R> deserializer = new ConfluentAvroDeserializer<>(client);
        deserializer.specificAvroReader = true;
        deserializer.readerSchema = SpecificData.getForClass(type).getSchema(type);
        return deserializer;
    }

    /** Reads every payload as a {@link GenericRecord} of {@code readerSchema}, resolved from the writer's. */
    public static ConfluentAvroDeserializer<GenericRecord> forReaderSchema(
            SchemaRegistryClient client, Schema readerSchema) {
        ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>(client);
        deserializer.readerSchema = readerSchema;
        return deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.parse(configs, client == null);
        if (client == null) {
            client = config.newClient();
        }
        Class<?> type = config.specificAvroType(isKey);
        this.specificAvroReader = config.specificAvroReader() || type != null;
        this.readerSchema = type == null ? null : SpecificData.getForClass(type).getSchema(type);
        this.isKey = isKey;
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.ruleExecution = config.ruleExecution();
        rules.close();
        this.rules = new DomainRules(configs);
        readers.clear();
        lastReader = null;
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        return data == null ? null : read(topic, null, data, 0, data.length);
    }

    /** As {@link #deserialize(String, byte[])}; a rule's {@code DLQ} action copies {@code headers} to the dead letter. */
    @Override
    public @Nullable T deserialize(String topic, Headers headers, byte @Nullable [] data) {
        return data == null ? null : read(topic, headers, data, 0, data.length);
    }

    @Override
    public @Nullable T deserialize(String topic, Headers headers, @Nullable ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return read(topic, headers, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return read(topic, headers, copy, 0, copy.length);
    }

    @Override
    public void close() {
        rules.close();
    }

    private T read(String topic, @Nullable Headers headers, byte[] payload, int offset, int length) {
        if (length < WireOutput.HEADER_LENGTH) {
            throw new TruncatedPayloadException("payload of " + length
                    + " bytes is shorter than the 5-byte Confluent header (magic byte 0, 4-byte schema id)");
        }
        if (payload[offset] != WireOutput.MAGIC_BYTE) {
            throw new UnknownMagicByteException(payload[offset]);
        }
        int id = ((payload[offset + 1] & 0xff) << 24)
                | ((payload[offset + 2] & 0xff) << 16)
                | ((payload[offset + 3] & 0xff) << 8)
                | (payload[offset + 4] & 0xff);
        SchemaReader reader = lastReader;
        if (reader == null || reader.id() != id) {
            reader = readers.get(id);
            if (reader == null) {
                reader = readers.computeIfAbsent(id, this::newReader);
            }
            lastReader = reader;
        }
        T value = reader.read(payload, offset + WireOutput.HEADER_LENGTH, length - WireOutput.HEADER_LENGTH);
        if (reader.rules() == null || value == null) {
            return value;
        }
        byte[] original = offset == 0 && length == payload.length
                ? payload
                : java.util.Arrays.copyOfRange(payload, offset, offset + length);
        String subject = subjectNameStrategy.subject(topic, isKey, reader.writer());
        @SuppressWarnings("unchecked")
        T checked = (T)
                reader.rules().onRead(topic, subject, reader.readSchema(), reader.contract(), value, original, headers);
        return checked;
    }

    private SchemaReader newReader(int id) {
        SchemaRegistryClient registry = client;
        if (registry == null) {
            throw new IllegalStateException("not configured: call configure(...) or pass a SchemaRegistryClient");
        }
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaNotFoundException e) {
            throw new UnknownSchemaIdException(id, e);
        } catch (AvroRuntimeException e) {
            throw new MalformedPayloadException("schema id " + id + " is not a usable Avro schema", e);
        }
        DataContract contract = ruleExecution ? registry.contractById(id) : DataContract.NONE;
        DomainRules reading = contract.hasDomainRules(false) ? rules : null;
        if (!specificAvroReader) {
            Schema reader = readerSchema == null ? writer : readerSchema;
            return new SchemaReader(
                    id, writer, new GenericDatumReader<>(writer, reader, GenericData.get()), reader, contract, reading);
        }
        GeneratedClassTrust.install();
        Schema reader = readerSchema == null ? generatedClassSchema(id, writer) : readerSchema;
        return new SchemaReader(
                id,
                writer,
                new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader)),
                reader,
                contract,
                reading);
    }

    private static Schema generatedClassSchema(int id, Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            return writer;
        }
        Class<?> type;
        try {
            type = SpecificData.get().getClass(writer);
        } catch (SecurityException e) {
            throw new SerializationException(
                    writer.getFullName() + " (schema id " + id + ") names a class that is not Avro-generated", e);
        }
        if (type == null) {
            throw new SerializationException("no generated class " + writer.getFullName()
                    + " on the classpath for schema id " + id + " (" + SerdeConfig.SPECIFIC_AVRO_READER + " is true)");
        }
        return SpecificData.getForClass(type).getSchema(type);
    }

    /** One thread's decoder, reconfigured for each payload. */
    private static final class Decoders {

        private @Nullable BinaryDecoder decoder;

        BinaryDecoder over(byte[] payload, int offset, int length) {
            BinaryDecoder configured = DecoderFactory.get().binaryDecoder(payload, offset, length, decoder);
            decoder = configured;
            return configured;
        }
    }

    /**
     * Everything needed to decode payloads of one schema id, and the version's contract with the rules to run on
     * reading ({@code null} when none runs); {@code readSchema} is the schema of the values read.
     */
    private record SchemaReader(
            int id,
            Schema writer,
            DatumReader<Object> datumReader,
            Schema readSchema,
            DataContract contract,
            @Nullable DomainRules rules) {

        @SuppressWarnings("unchecked")
        <T> T read(byte[] payload, int offset, int length) {
            BinaryDecoder decoder = DECODERS.get().over(payload, offset, length);
            Object value;
            try {
                value = datumReader.read(null, decoder);
            } catch (EOFException e) {
                throw new TruncatedPayloadException(
                        "Avro body of " + length + " bytes ends before a whole " + writer.getFullName() + " (schema id "
                                + id + ")",
                        e);
            } catch (IOException | RuntimeException e) {
                throw new MalformedPayloadException(
                        "Avro body of " + length + " bytes is not a valid " + writer.getFullName() + " (schema id " + id
                                + "): " + e.getMessage(),
                        e);
            }
            return (T)
                    switch (writer.getType()) {
                        case STRING -> value.toString();
                        case BYTES -> bytes((ByteBuffer) value);
                        default -> value;
                    };
        }

        private static byte[] bytes(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
    }
}
