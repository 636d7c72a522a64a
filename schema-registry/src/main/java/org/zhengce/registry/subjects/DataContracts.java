package org.zhengce.registry.subjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.store.DataContractJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A version's data contract: its {@code metadata} ({@code properties}, {@code tags}, {@code
 * sensitive}) and {@code ruleSet} ({@code migrationRules}, {@code domainRules}, {@code
 * encodingRules}), kept as canonical JSON and merged as Confluent's registry merges a subject's
 * defaults, a version's own contract and the overrides.
 */
public final class DataContracts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> RULE_KINDS = List.of("migrationRules", "domainRules", "encodingRules");

    private DataContracts() {}

    /**
     * The canonical text of a {@code metadata} object: tags and sensitive fields are sets (sorted,
     * without repeats); {@code null} for a missing or JSON {@code null} value.
     *
     * @throws RegistryException 42201 when it is not an object
     */
    public static @Nullable String metadata(@Nullable JsonNode node) {
        if (absent(node)) {
            return null;
        }
        ObjectNode metadata = object(node, "metadata").deepCopy();
        if (metadata.path("sensitive").isArray()) {
            metadata.set("sensitive", sortedSet(metadata.path("sensitive")));
        }
        if (metadata.path("tags").isObject()) {
            ObjectNode tags = JSON.createObjectNode();
            metadata.path("tags").properties().forEach(tag -> tags.set(tag.getKey(), sortedSet(tag.getValue())));
            metadata.set("tags", tags);
        }
        return DataContractJson.canonical(metadata);
    }

    /** The canonical text of a {@code ruleSet} object (rules keep their order). */
    public static @Nullable String ruleSet(@Nullable JsonNode node) {
        return absent(node) ? null : DataContractJson.canonical(object(node, "ruleSet"));
    }

    /**
     * {@code base} with {@code update} laid over it: properties and tags of {@code update} win,
     * sensitive fields are the union.
     */
    static @Nullable String mergeMetadata(@Nullable String base, @Nullable String update) {
        if (base == null || update == null) {
            return base == null ? update : base;
        }
        JsonNode old = DataContractJson.parse(base);
        JsonNode added = DataContractJson.parse(update);
        ObjectNode merged = JSON.createObjectNode();
        for (String field : List.of("tags", "properties")) {
            ObjectNode map = JSON.createObjectNode();
            old.path(field).properties().forEach(e -> map.set(e.getKey(), e.getValue()));
            added.path(field).properties().forEach(e -> map.set(e.getKey(), e.getValue()));
            if (!map.isEmpty()) {
                merged.set(field, map);
            }
        }
        Set<String> sensitive = new TreeSet<>();
        old.path("sensitive").forEach(value -> sensitive.add(value.asString()));
        added.path("sensitive").forEach(value -> sensitive.add(value.asString()));
        if (!sensitive.isEmpty()) {
            ArrayNode array = merged.putArray("sensitive");
            sensitive.forEach(array::add);
        }
        return DataContractJson.canonical(merged);
    }

    /**
     * {@code base} with {@code update} laid over it, kind by kind: a rule of {@code update}
     * replaces the rule of {@code base} with its name, and comes after the rules it does not replace.
     */
    static @Nullable String mergeRuleSet(@Nullable String base, @Nullable String update) {
        if (base == null || update == null) {
            return base == null ? update : base;
        }
        JsonNode old = DataContractJson.parse(base);
        JsonNode added = DataContractJson.parse(update);
        ObjectNode merged = ((ObjectNode) old).deepCopy();
        added.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        for (String kind : RULE_KINDS) {
            List<JsonNode> oldRules = list(old.path(kind));
            List<JsonNode> newRules = list(added.path(kind));
            if (oldRules.isEmpty() || newRules.isEmpty()) {
                continue;
            }
            Set<String> replaced =
                    newRules.stream().map(rule -> rule.path("name").asString()).collect(Collectors.toSet());
            ArrayNode rules = merged.putArray(kind);
            oldRules.stream()
                    .filter(rule -> !replaced.contains(rule.path("name").asString()))
                    .forEach(rules::add);
            newRules.forEach(rules::add);
        }
        return DataContractJson.canonical(merged);
    }

    /** Whether {@code metadata} (canonical) has every property of {@code wanted}. */
    static boolean hasProperties(@Nullable String metadata, Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (metadata == null) {
            return false;
        }
        JsonNode properties = DataContractJson.parse(metadata).path("properties");
        Map<String, String> present = new LinkedHashMap<>();
        properties
                .properties()
                .forEach(e -> present.put(e.getKey(), e.getValue().asString()));
        return present.entrySet().containsAll(wanted.entrySet());
    }

    private static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static ObjectNode object(JsonNode node, String field) {
        if (!(node instanceof ObjectNode object)) {
            throw RegistryException.invalidSchema("Invalid " + field + ": " + node + " is not an object");
        }
        return object;
    }

    private static ArrayNode sortedSet(JsonNode values) {
        Set<String> sorted = new TreeSet<>();
        values.forEach(value -> sorted.add(value.asString()));
        ArrayNode array = JSON.createArrayNode();
        sorted.forEach(array::add);
        return array;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
