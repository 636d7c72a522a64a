package org.zhengce.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.RegisteredSchema;
import org.zhengce.schemas.registry.SchemaNotFoundException;
import org.zhengce.schemas.registry.SchemaRegistryClient;
import org.zhengce.schemas.registry.SubjectNameStrategy;
import org.zhengce.schemas.registry.TopicNameStrategy;
import org.zhengce.schemas.rules.DomainRules;

/**
 * Writes Avro values (generated {@link SpecificRecord}s, {@link org.apache.avro.generic.GenericRecord}s
 * and the Avro primitives: {@code null}, Boolean, Integer, Long, Float, Double, CharSequence,
 * byte[], ByteBuffer) in the Confluent wire format, byte for byte what Confluent's
 * {@code KafkaAvroSerializer} writes. A {@code null} value stays {@code null} (a tombstone).
 *
 * <p>Configured with Confluent's keys ({@link SerdeConfig}): {@code schema.registry.url},
 * {@code basic.auth.credentials.source} / {@code basic.auth.user.info}, {@code auto.register.schemas}
 * (default true), {@code use.latest.version} (default false; with auto-registration off, writes
 * with the subject's latest registered schema, fetched once) and {@code key.subject.name.strategy}
 * / {@code value.subject.name.strategy}.
 *
 * <p>With the Spring Cloud Stream Kafka binder, set {@code useNativeEncoding: true} on the output
 * binding and this class as the producer's {@code value.serializer} (registry settings under the
 * binder's producer {@code configuration}); the binder then hands values to Kafka untouched.
 *
 * <p>The registry is asked once per (topic, schema); after that a record costs one identity check
 * and the Avro encoding. Thread-safe once configured.
 */
public class ConfluentAvroSerializer<T> implements Serializer<T> {

    private static final Logger log = LoggerFactory.getLogger(ConfluentAvroSerializer.class);

    private @Nullable SchemaRegistryClient client;
    private SubjectNameStrategy subjectNameStrategy = new TopicNameStrategy();
    private boolean isKey;
    private boolean autoRegisterSchemas = true;
    private boolean useLatestVersion;
    private boolean publishDataContracts;
    private boolean ruleExecution = true;
    private DomainRules rules = new DomainRules(Map.of());

    private final ConcurrentHashMap<WriterKey, SchemaWriter> writers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();
    private volatile @Nullable SchemaWriter lastWriter;

    /** For Kafka to instantiate by class name; {@link #configure} must follow. */
    public ConfluentAvroSerializer() {}

    /** A value serializer on {@code client} with the defaults (auto-registration, topic-named subjects). */
    public ConfluentAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A serializer on {@code client}; {@code configs} may omit {@code schema.registry.url}. */
    public ConfluentAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.client = client;
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.parse(configs, client == null);
        if (client == null) {
            client = config.newClient();
        }
        this.isKey = isKey;
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.autoRegisterSchemas = config.autoRegisterSchemas();
        this.useLatestVersion = config.useLatestVersion();
        this.publishDataContracts = config.publishDataContracts();
        this.ruleExecution = config.ruleExecution();
        rules.close();
        this.rules = new DomainRules(configs);
        if (autoRegisterSchemas && useLatestVersion) {
            log.warn(
                    "{} is ignored while {} is true: schemas are registered as written",
                    SerdeConfig.USE_LATEST_VERSION,
                    SerdeConfig.AUTO_REGISTER_SCHEMAS);
        }
        writers.clear();
        latestBySubject.clear();
        lastWriter = null;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        return serialize(topic, null, data);
    }

    /** As {@link #serialize(String, Object)}; a rule's {@code DLQ} action copies {@code headers} to the dead letter. */
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Headers headers, @Nullable T data) {
        if (data == null) {
            return null;
        }
        Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
        Schema schema = schemaOf(datum);
        Class<?> specificType = datum instanceof SpecificRecord ? datum.getClass() : null;
        SchemaWriter writer = lastWriter;
        if (writer == null || !writer.matches(topic, schema, specificType)) {
            writer = writers.computeIfAbsent(new WriterKey(topic, schema, specificType), this::newWriter);
            lastWriter = writer;
        }
        if (writer.rules() != null) {
            datum = writer.rules().onWrite(topic, writer.subject(), writer.schema(), writer.contract(), datum, headers);
        }
        return writer.write(datum);
    }

    @Override
    public void close() {
        rules.close();
    }

    private SchemaWriter newWriter(WriterKey key) {
        SchemaRegistryClient registry = client;
        if (registry == null) {
            throw new IllegalStateException("not configured: call configure(...) or pass a SchemaRegistryClient");
        }
        String subject = subjectNameStrategy.subject(key.topic(), isKey, key.schema());
        int id;
        Schema writerSchema = key.schema();
        if (autoRegisterSchemas) {
            DataContract published =
                    publishDataContracts ? DataContract.published(writerSchema.getFullName()) : DataContract.NONE;
            id = registry.register(subject, writerSchema, published);
        } else if (useLatestVersion) {
            RegisteredSchema latest = latestBySubject.computeIfAbsent(subject, registry::latest);
            id = latest.id();
            writerSchema = latest.schema();
        } else {
            try {
                id = registry.idOf(subject, writerSchema);
            } catch (SchemaNotFoundException e) {
                throw new SerializationException(
                        "schema " + writerSchema.getFullName() + " is not registered under subject " + subject + " and "
                                + SerdeConfig.AUTO_REGISTER_SCHEMAS + " is false",
                        e);
            }
        }
        Class<?> specificType = key.specificType();
        DatumWriter<Object> datumWriter = specificType == null
                ? new GenericDatumWriter<>(writerSchema, GenericData.get())
                : new SpecificDatumWriter<>(writerSchema, SpecificData.getForClass(specificType));
        DataContract contract = ruleExecution ? registry.contractById(id) : DataContract.NONE;
        if (specificType != null && contract.hasDomainRules(true)) {
            // a transform builds generated records by class name
            GeneratedClassTrust.install();
        }
        return new SchemaWriter(
                key.topic(),
                key.schema(),
                specificType,
                id,
                datumWriter,
                subject,
                contract,
                contract.hasDomainRules(true) ? rules : null);
    }

    private static Schema schemaOf(Object datum) {
        if (datum instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema.Type type;
        if (datum instanceof CharSequence) {
            type = Schema.Type.STRING;
        } else if (datum instanceof Integer) {
            type = Schema.Type.INT;
        } else if (datum instanceof Long) {
            type = Schema.Type.LONG;
        } else if (datum instanceof Boolean) {
            type = Schema.Type.BOOLEAN;
        } else if (datum instanceof Double) {
            type = Schema.Type.DOUBLE;
        } else if (datum instanceof Float) {
            type = Schema.Type.FLOAT;
        } else if (datum instanceof ByteBuffer) {
            type = Schema.Type.BYTES;
        } else {
            throw new SerializationException(
                    "cannot write a " + datum.getClass().getName()
                            + " as Avro: expected a SpecificRecord, a GenericContainer or an Avro primitive");
        }
        return PRIMITIVES.get(type);
    }

    private static final Map<Schema.Type, Schema> PRIMITIVES = Map.of(
            Schema.Type.STRING, Schema.create(Schema.Type.STRING),
            Schema.Type.INT, Schema.create(Schema.Type.INT),
            Schema.Type.LONG, Schema.create(Schema.Type.LONG),
            Schema.Type.BOOLEAN, Schema.create(Schema.Type.BOOLEAN),
            Schema.Type.DOUBLE, Schema.create(Schema.Type.DOUBLE),
            Schema.Type.FLOAT, Schema.create(Schema.Type.FLOAT),
            Schema.Type.BYTES, Schema.create(Schema.Type.BYTES));

    /** {@code specificType} is the generated class of a SpecificRecord, {@code null} otherwise. */
    private record WriterKey(
            String topic, Schema schema, @Nullable Class<?> specificType) {}

    /**
     * What one (topic, schema) pair needs: its registry id, a writer for its schema, and the version's contract with
     * the rules to run ({@code null} when none runs on writing).
     */
    private record SchemaWriter(
            String topic,
            Schema schema,
            @Nullable Class<?> specificType,
            int id,
            DatumWriter<Object> datumWriter,
            String subject,
            DataContract contract,
            @Nullable DomainRules rules) {

        boolean matches(String otherTopic, Schema otherSchema, @Nullable Class<?> otherSpecificType) {
            return schema == otherSchema && specificType == otherSpecificType && topic.equals(otherTopic);
        }

        byte[] write(Object datum) {
            WireOutput output = WireOutput.start(id);
            try {
                datumWriter.write(datum, output.encoder());
                output.encoder().flush();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "cannot write a " + datum.getClass().getName() + " with schema " + schema.getFullName()
                                + " (id " + id + ")",
                        e);
            }
            return output.finish();
        }
    }
}
