package org.zhengce.schemas.catalogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One Kafka topic of the catalogue, with everything needed to create it and to know who writes and
 * who reads it. A topic named by a pattern ({@code dept.{departmentCode}.events}) appears once per
 * value of its parameter, each with its concrete {@link #name()} and the pattern as {@link #address()}.
 *
 * @param name the topic's name in Kafka
 * @param address the catalogue's name for it: the name itself, or the pattern it was expanded from
 * @param addressParameters for a topic expanded from a pattern, its parameter and value
 *     ({@code departmentCode -> civil-affairs}); empty otherwise
 * @param key what the record key is (keys are UTF-8 strings)
 * @param valueSchemaName full name of the Avro value schema ({@code org.zhengce.events.HouseholdEvent}),
 *     or an Avro primitive type name ({@code bytes}, {@code string})
 * @param partitions the number of partitions
 * @param replicationFactor replicas of each partition; empty to leave it to the broker's default
 * @param minInSyncReplicas the topic's {@code min.insync.replicas}; empty to leave it to the broker
 * @param retention how long records are kept
 * @param cleanupPolicy delete old records, or compact by key
 * @param producer the one service that writes the topic ({@code department} for a department's own system)
 * @param consumers the services that read it
 * @param deadLetterOf for a dead-letter topic, the address of the topic whose bad records it keeps
 * @param description what the topic carries, with its Chinese term
 */
public record Topic(
        String name,
        String address,
        Map<String, String> addressParameters,
        String key,
        String valueSchemaName,
        int partitions,
        Optional<Short> replicationFactor,
        OptionalInt minInSyncReplicas,
        Retention retention,
        CleanupPolicy cleanupPolicy,
        String producer,
        List<String> consumers,
        Optional<String> deadLetterOf,
        String description) {

    /** Kafka's legal topic names: letters, digits, '.', '_' and '-', at most 249 characters. */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public Topic {
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a legal Kafka topic name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
        }
        if (producer.isBlank()) {
            throw new IllegalArgumentException("topic " + name + ": a topic needs its one producer");
        }
        addressParameters = Map.copyOf(addressParameters);
        consumers = List.copyOf(consumers);
    }

    /**
     * The topic-level settings to create it with: {@code cleanup.policy}, {@code retention.ms} (-1 when
     * kept for ever) and, when the environment sets it, {@code min.insync.replicas}. Iteration order is
     * stable.
     */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        minInSyncReplicas.ifPresent(min -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(min)));
        return Collections.unmodifiableMap(configs);
    }

    /**
     * The admin-client request that creates this topic, e.g. to declare it as a Spring Kafka
     * {@code NewTopic} bean: name, partitions, replication factor (or the broker's default) and
     * {@link #configs()}.
     */
    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs());
    }

    /** Whether the topic keeps only the latest record per key. */
    public boolean isCompacted() {
        return cleanupPolicy == CleanupPolicy.COMPACT;
    }

    /** Whether this topic was expanded from a pattern such as {@code dept.{departmentCode}.events}. */
    public boolean isFromPattern() {
        return !addressParameters.isEmpty();
    }

    /** Whether {@code service} reads this topic. */
    public boolean isConsumedBy(String service) {
        return consumers.contains(service);
    }

    /**
     * The value schema: the generated class's schema for a record, or the primitive schema.
     *
     * @throws IllegalStateException when no generated class of that name is on the class path
     */
    public Schema valueSchema() {
        return ValueSchemas.resolve(valueSchemaName);
    }
}
