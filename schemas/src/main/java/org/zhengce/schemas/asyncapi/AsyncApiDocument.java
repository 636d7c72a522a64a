package org.zhengce.schemas.asyncapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.registry.DataContract;

/**
 * Writes the AsyncAPI 3.1 document of a topic catalogue: one channel per catalogue entry (a pattern
 * such as {@code dept.{departmentCode}.events} is one parameterised channel), a {@code send}
 * operation for its producer and a {@code receive} operation per consumer, and one message per
 * channel whose payload is the fully resolved Avro value schema. Kafka bindings carry the
 * partitions, replicas, {@code cleanup.policy}, {@code retention.ms} and the key's description. A message whose
 * schema the data standard publishes a contract with carries it as {@code x-data-contract} (ADR 0029).
 */
public final class AsyncApiDocument {

    /** The resource the document is committed as, in {@code schemas/src/main/resources}. */
    public static final String RESOURCE = "asyncapi.yaml";

    /** The payload schema format: Avro schemas written as JSON. */
    public static final String AVRO_SCHEMA_FORMAT = "application/vnd.apache.avro+json;version=1.9.0";

    private static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final String HEADER = """
            # The AsyncAPI document of every topic, GENERATED from topics.yaml and the Avro schemas by
            # org.zhengce.schemas.asyncapi.AsyncApiDocument: do not edit. Regenerate with
            #   ./mvnw -pl schemas test -Dtest=AsyncApiDocumentTest -Dregenerate=true
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The message extension carrying a schema's data contract, in the registry's {@code metadata}/{@code ruleSet} shape. */
    public static final String DATA_CONTRACT = "x-data-contract";

    private AsyncApiDocument() {}

    /** The document for {@code catalogue}, as YAML text with a header saying it is generated. */
    public static String toYaml(TopicCatalogue catalogue) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(110);
        options.setAllowUnicode(true);
        return HEADER + new Yaml(options).dump(describe(catalogue));
    }

    /** The document for {@code catalogue}, as nested maps and lists in document order. */
    public static Map<String, Object> describe(TopicCatalogue catalogue) {
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        for (List<Topic> group : byAddress(catalogue.topics())) {
            Topic topic = group.get(0);
            String channelId = identifier(topic.address());
            String messageId = messageId(topic, channelId);
            messages.put(messageId, message(topic, messageId));
            channels.put(channelId, channel(group, messageId));
            String messageRef = "#/channels/" + channelId + "/messages/" + messageId;
            operations.put(
                    identifier(topic.producer()) + "Sends" + capitalised(channelId),
                    operation("send", topic.producer(), topic, channelId, messageRef));
            for (String consumer : topic.consumers()) {
                operations.put(
                        identifier(consumer) + "Receives" + capitalised(channelId),
                        operation("receive", consumer, topic, channelId, messageRef));
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("asyncapi", "3.1.0");
        document.put(
                "info",
                map(
                        "title", "政策找人 Policies find people: platform topics",
                        "version", "1.0.0",
                        "description",
                                "Every Kafka topic of the platform, generated from the topic catalogue (topics.yaml). "
                                        + "Avro values travel in the Confluent wire format (magic byte 0, 4-byte schema id, "
                                        + "Avro binary), their schemas in a Confluent-compatible schema registry under the "
                                        + "topic-name strategy; keys are UTF-8 strings."));
        document.put(
                "servers",
                map(
                        "production",
                        map(
                                "host", "zhengce-kafka-bootstrap:9092",
                                "protocol", "kafka",
                                "description",
                                        "The Strimzi Kafka cluster 'zhengce' (deploy/k8s); the local run uses an "
                                                + "in-process broker.")));
        document.put("channels", channels);
        document.put("operations", operations);
        document.put("components", map("messages", messages));
        return document;
    }

    private static List<List<Topic>> byAddress(List<Topic> topics) {
        Map<String, List<Topic>> groups = new LinkedHashMap<>();
        for (Topic topic : topics) {
            groups.computeIfAbsent(topic.address(), address -> new ArrayList<>())
                    .add(topic);
        }
        return List.copyOf(groups.values());
    }

    private static Map<String, Object> channel(List<Topic> group, String messageId) {
        Topic topic = group.get(0);
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("address", topic.address());
        channel.put("title", topic.address());
        channel.put("description", topic.description());
        channel.put("messages", map(messageId, map("$ref", "#/components/messages/" + messageId)));
        if (topic.isFromPattern()) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            for (String parameter : topic.addressParameters().keySet()) {
                List<String> values = group.stream()
                        .map(member -> member.addressParameters().get(parameter))
                        .toList();
                parameters.put(
                        parameter,
                        map("description", "One topic per value: " + String.join(", ", values) + ".", "enum", values));
            }
            channel.put("parameters", parameters);
        }
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("partitions", topic.partitions());
        topic.replicationFactor().ifPresent(replicas -> kafka.put("replicas", (int) replicas));
        kafka.put(
                "topicConfiguration",
                map(
                        "cleanup.policy", List.of(topic.cleanupPolicy().configValue()),
                        "retention.ms", topic.retention().toMillis()));
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        channel.put("bindings", map("kafka", kafka));
        return channel;
    }

    private static Map<String, Object> operation(
            String action, String party, Topic topic, String channelId, String messageRef) {
        String verb = action.equals("send") ? " sends to " : " receives from ";
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("action", action);
        operation.put("channel", map("$ref", "#/channels/" + channelId));
        operation.put("title", party + verb + topic.address());
        operation.put("messages", List.of(map("$ref", messageRef)));
        return operation;
    }

    private static Map<String, Object> message(Topic topic, String messageId) {
        Schema schema = topic.valueSchema();
        boolean record = schema.getType() == Schema.Type.RECORD;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("name", messageId);
        message.put("title", record ? schema.getName() : messageId);
        message.put("summary", record ? schema.getDoc() : topic.description());
        message.put("contentType", contentType(schema));
        message.put("payload", map("schemaFormat", AVRO_SCHEMA_FORMAT, "schema", avroJson(schema)));
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("key", map("type", "string", "description", topic.key()));
        if (record) {
            kafka.put("schemaIdLocation", "payload");
            kafka.put("schemaIdPayloadEncoding", "confluent");
            kafka.put("schemaLookupStrategy", "TopicIdStrategy");
        }
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        message.put("bindings", map("kafka", kafka));
        DataContract contract = DataContract.published(schema.getFullName());
        if (!contract.isEmpty()) {
            // the contract the schema is registered with (ADR 0029): metadata and the domain rules every writer runs
            message.put(DATA_CONTRACT, JSON.convertValue(contract.toJson(), Map.class));
        }
        return message;
    }

    private static String contentType(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> "application/vnd.apache.avro+binary";
            case STRING -> "text/plain";
            default -> "application/octet-stream";
        };
    }

    /** The schema as JSON values; a primitive in its object form, {@code {"type": "bytes"}}. */
    private static Object avroJson(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return map("type", schema.getType().getName());
        }
        try {
            return JSON.readValue(schema.toString(), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back the JSON of schema " + schema.getFullName(), e);
        }
    }

    private static String messageId(Topic topic, String channelId) {
        Schema schema = topic.valueSchema();
        return schema.getType() == Schema.Type.RECORD ? schema.getName() : capitalised(channelId) + "Record";
    }

    /** {@code dept.{departmentCode}.events} to {@code deptDepartmentCodeEvents}; {@code _schemas} to {@code schemas}. */
    static String identifier(String text) {
        StringBuilder identifier = new StringBuilder();
        for (String part : text.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                identifier.append(identifier.length() == 0 ? part : capitalised(part));
            }
        }
        return identifier.toString();
    }

    private static String capitalised(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
