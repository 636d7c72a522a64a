package org.zhengce.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.zhengce.schemas.registry.SchemaRegistryClient;

/**
 * {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer} as one {@link Serde} sharing
 * one registry client, for Kafka Streams and the Spring Cloud Stream Kafka Streams binder; {@link
 * #configure} takes the keys of both halves.
 */
public class ConfluentAvroSerde<T> implements Serde<T> {

    private @Nullable SchemaRegistryClient client;
    private ConfluentAvroSerializer<T> serializer;
    private ConfluentAvroDeserializer<T> deserializer;

    /** For Kafka to instantiate by class name; {@link #configure} must follow. */
    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    /** A value serde on {@code client} with the defaults, reading {@link org.apache.avro.generic.GenericRecord}s. */
    public ConfluentAvroSerde(SchemaRegistryClient client) {
        this.client = client;
        this.serializer = new ConfluentAvroSerializer<>(client);
        this.deserializer = new ConfluentAvroDeserializer<>(client);
    }

    /** A serde on {@code client}; {@code configs} may omit {@code schema.registry.url}. */
    public ConfluentAvroSerde(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            SchemaRegistryClient shared = SerdeConfig.parse(configs).newClient();
            client = shared;
            serializer = new ConfluentAvroSerializer<>(shared);
            deserializer = new ConfluentAvroDeserializer<>(shared);
        }
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
