package org.zhengce.schemas.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code topics.yaml} into topics, strictly: an unknown or missing setting, a list where one
 * producer is expected, an unknown value schema or a duplicate name fails with a message naming the
 * topic and the setting.
 */
final class CatalogueReader {

    private static final Set<String> ROOT_KEYS = Set.of("defaults", "topics");
    private static final Set<String> TOPIC_KEYS = Set.of(
            "name",
            "parameters",
            "key",
            "value",
            "partitions",
            "retention",
            "cleanupPolicy",
            "producer",
            "consumers",
            "deadLetterOf",
            "description");

    private final TopicEnvironment environment;

    CatalogueReader(TopicEnvironment environment) {
        this.environment = environment;
    }

    List<Topic> read(String yaml) {
        Map<String, Object> root =
                asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml), "the catalogue");
        requireKnownKeys(root, ROOT_KEYS, "the catalogue");
        int defaultPartitions = environment
                .defaultPartitions()
                .orElseGet(() ->
                        positiveInt(asMap(root.get("defaults"), "defaults").get("partitions"), "defaults.partitions"));

        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        for (Object element : asList(root.get("topics"), "topics")) {
            Map<String, Object> entry = asMap(element, "a topic");
            String address = string(entry, "name", "a topic");
            if (entries.put(address, entry) != null) {
                throw invalid(address, "the name appears twice");
            }
        }

        List<Topic> topics = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> entry : entries.entrySet()) {
            topics.addAll(expand(entry.getKey(), entry.getValue(), entries, defaultPartitions));
        }
        Set<String> names = new HashSet<>();
        for (Topic topic : topics) {
            if (!names.add(topic.name())) {
                throw invalid(topic.address(), "expands to '" + topic.name() + "', which another entry names too");
            }
        }
        return topics;
    }

    private List<Topic> expand(
            String address,
            Map<String, Object> entry,
            Map<String, Map<String, Object>> entries,
            int defaultPartitions) {
        requireKnownKeys(entry, TOPIC_KEYS, "topic '" + address + "'");
        Optional<String> deadLetterOf =
                Optional.ofNullable(entry.get("deadLetterOf")).map(value -> string(entry, "deadLetterOf", address));
        int partitions = partitions(address, entry, entries, deadLetterOf, defaultPartitions);
        String value = string(entry, "value", address);
        try {
            ValueSchemas.resolve(value);
        } catch (IllegalStateException e) {
            throw invalid(address, "'value': " + e.getMessage());
        }
        Object producer = entry.get("producer");
        if (!(producer instanceof String)) {
            throw invalid(
                    address,
                    "'producer' must name the one service that writes the topic (one writer per topic), found "
                            + producer);
        }
        Retention retention;
        CleanupPolicy cleanupPolicy;
        try {
            retention = Retention.parse(string(entry, "retention", address));
            cleanupPolicy = CleanupPolicy.parse(string(entry, "cleanupPolicy", address));
        } catch (IllegalArgumentException e) {
            throw invalid(address, e.getMessage());
        }
        List<String> consumers = asList(entry.get("consumers"), "topic '" + address + "': 'consumers'").stream()
                .map(String::valueOf)
                .toList();

        List<Topic> topics = new ArrayList<>();
        for (Map<String, String> parameters : parameterValues(address, entry)) {
            String name = address;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                name = name.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            try {
                topics.add(new Topic(
                        name,
                        address,
                        parameters,
                        string(entry, "key", address),
                        value,
                        partitions,
                        environment.replicationFactor(),
                        environment.minInSyncReplicas(),
                        retention,
                        cleanupPolicy,
                        (String) producer,
                        consumers,
                        deadLetterOf,
                        string(entry, "description", address).strip()));
            } catch (IllegalArgumentException e) {
                throw invalid(address, e.getMessage());
            }
        }
        return topics;
    }

    private int partitions(
            String address,
            Map<String, Object> entry,
            Map<String, Map<String, Object>> entries,
            Optional<String> deadLetterOf,
            int defaultPartitions) {
        if (deadLetterOf.isPresent()) {
            if (entry.containsKey("partitions")) {
                throw invalid(address, "a dead-letter topic takes its source's partitions; remove 'partitions'");
            }
            Map<String, Object> source = entries.get(deadLetterOf.get());
            if (source == null) {
                throw invalid(
                        address, "'deadLetterOf' names '" + deadLetterOf.get() + "', which is not in the catalogue");
            }
            if (source.containsKey("deadLetterOf")) {
                throw invalid(address, "'deadLetterOf' names another dead-letter topic");
            }
            return partitions(deadLetterOf.get(), source, entries, Optional.empty(), defaultPartitions);
        }
        Object partitions = entry.get("partitions");
        return partitions == null
                ? defaultPartitions
                : positiveInt(partitions, "topic '" + address + "': 'partitions'");
    }

    /** One map per concrete topic: empty for a plain name, one parameter value each for a pattern. */
    private List<Map<String, String>> parameterValues(String address, Map<String, Object> entry) {
        boolean pattern = address.contains("{");
        Object parameters = entry.get("parameters");
        if (!pattern && parameters == null) {
            return List.of(Map.of());
        }
        if (!pattern || parameters == null) {
            throw invalid(address, "a name with a {parameter} needs 'parameters', and only such a name may have them");
        }
        Map<String, Object> byName = asMap(parameters, "topic '" + address + "': 'parameters'");
        if (byName.size() != 1) {
            throw invalid(address, "'parameters' must have exactly one parameter, found " + byName.keySet());
        }
        String parameter = byName.keySet().iterator().next();
        if (!address.contains("{" + parameter + "}")) {
            throw invalid(address, "parameter '" + parameter + "' does not appear in the name");
        }
        List<Object> values = asList(byName.get(parameter), "topic '" + address + "': 'parameters." + parameter + "'");
        if (values.isEmpty()) {
            throw invalid(address, "'parameters." + parameter + "' has no values");
        }
        return values.stream()
                .map(value -> Map.of(parameter, String.valueOf(value)))
                .toList();
    }

    private static String string(Map<String, Object> entry, String key, String where) {
        Object value = entry.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(where, "'" + key + "' must be a non-empty text, found " + value);
        }
        return text;
    }

    private static int positiveInt(@Nullable Object value, String where) {
        if (!(value instanceof Integer number) || number < 1) {
            throw new IllegalStateException(
                    TopicCatalogue.RESOURCE + ": " + where + " must be a positive integer, found " + value);
        }
        return number;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(@Nullable Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException(
                    TopicCatalogue.RESOURCE + ": " + what + " must be a mapping, found " + value);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(@Nullable Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(TopicCatalogue.RESOURCE + ": " + what + " must be a list, found " + value);
        }
        return (List<Object>) list;
    }

    private static void requireKnownKeys(Map<String, Object> map, Set<String> known, String where) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalStateException(TopicCatalogue.RESOURCE + ": " + where + ": unknown setting '" + key
                        + "'; known: " + new TreeSet<>(known));
            }
        }
    }

    private static IllegalStateException invalid(String address, String problem) {
        return new IllegalStateException(TopicCatalogue.RESOURCE + ": topic '" + address + "': " + problem);
    }
}
