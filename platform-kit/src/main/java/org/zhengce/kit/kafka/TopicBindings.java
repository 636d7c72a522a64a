package org.zhengce.kit.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.kafka.core.KafkaAdmin;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerde;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * Builds a service's {@link TopicBinding}s from the topic catalogue and the service's serde settings (its
 * {@code spring.kafka.properties}: {@code schema.registry.url}). A binding's value type must be the catalogue's value
 * schema: a mismatch fails at start-up, naming the topic. Also declares the topics the service is the one writer of.
 */
public final class TopicBindings {

    private final TopicCatalogue catalogue;
    private final Map<String, Object> serdeSettings;

    public TopicBindings(TopicCatalogue catalogue, Map<String, ?> serdeSettings) {
        this.catalogue = catalogue;
        this.serdeSettings = Map.copyOf(serdeSettings);
    }

    public TopicCatalogue catalogue() {
        return catalogue;
    }

    /** The topic {@code name}, keyed by text, its values of the Avro class {@code type} in the registry's format. */
    public <V extends SpecificRecord> TopicBinding<String, V> avro(String name, Class<V> type) {
        Topic topic = catalogue.topic(name);
        String schema = SpecificData.get().getSchema(type).getFullName();
        if (!schema.equals(topic.valueSchemaName())) {
            throw new IllegalStateException(
                    "topic " + name + " carries " + topic.valueSchemaName() + ", not " + schema);
        }
        // read into the generated class the binding names (the registry's schema resolved against it)
        Map<String, Object> settings = new HashMap<>(serdeSettings);
        settings.put(SerdeConfig.SPECIFIC_AVRO_READER, true);
        settings.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type);
        ConfluentAvroSerde<V> values = new ConfluentAvroSerde<>();
        values.configure(settings, false);
        return new TopicBinding<>(topic, Serdes.String(), values);
    }

    /** The topic {@code name}, keyed by text, its values as the bytes on the wire (a dead-letter topic, a relay). */
    public TopicBinding<String, byte[]> bytes(String name) {
        return new TopicBinding<>(catalogue.topic(name), Serdes.String(), Serdes.ByteArray());
    }

    /** The topics {@code service} is the one writer of, to create (or check) at start-up as the catalogue defines them. */
    public KafkaAdmin.NewTopics ownTopics(String service) {
        return ownTopics(catalogue, service);
    }

    /** The topics {@code service} is the one writer of in {@code catalogue}, for a service that binds none. */
    public static KafkaAdmin.NewTopics ownTopics(TopicCatalogue catalogue, String service) {
        List<Topic> own = catalogue.producedBy(service);
        return new KafkaAdmin.NewTopics(own.stream().map(Topic::newTopic).toArray(NewTopic[]::new));
    }
}
