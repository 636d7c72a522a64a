package org.zhengce.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The data contract a registry version carries besides its schema (ADR 0025): the field tags of its {@code metadata}
 * (path → tags; {@code *} and {@code **} wildcards as Confluent matches them) and its properties, and the
 * {@code ruleSet}'s domain and migration rules in order. The serde runs the domain rules (ADR 0029).
 */
public record DataContract(
        Map<String, Set<String>> tags,
        Map<String, String> properties,
        List<Rule> domainRules,
        List<Rule> migrationRules) {

    /** A version without a contract. */
    public static final DataContract NONE = new DataContract(Map.of(), Map.of(), List.of(), List.of());

    public DataContract {
        tags = Map.copyOf(tags);
        properties = Map.copyOf(properties);
        domainRules = List.copyOf(domainRules);
        migrationRules = List.copyOf(migrationRules);
    }

    /** A contract of {@code domainRules} only. */
    public static DataContract ofDomainRules(Rule... domainRules) {
        return new DataContract(Map.of(), Map.of(), List.of(domainRules), List.of());
    }

    public boolean isEmpty() {
        return tags.isEmpty() && properties.isEmpty() && domainRules.isEmpty() && migrationRules.isEmpty();
    }

    /** Whether any enabled domain rule runs when writing ({@code write}) or reading. */
    public boolean hasDomainRules(boolean write) {
        return domainRules.stream().anyMatch(rule -> !rule.disabled() && rule.runsOn(write));
    }

    /**
     * The contract the data standard publishes with the schema {@code fullName} (the resource
     * {@code contracts/<fullName>.json}, in the register request's shape), or {@link #NONE}.
     */
    public static DataContract published(String fullName) {
        try (InputStream in = DataContract.class.getResourceAsStream("/contracts/" + fullName + ".json")) {
            return in == null ? NONE : fromJson(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data contract of " + fullName, e);
        }
    }

    /** The contract in a registry answer or request: its {@code metadata} and {@code ruleSet} objects, if any. */
    public static DataContract fromJson(JsonNode body) {
        JsonNode metadata = body.path("metadata");
        JsonNode ruleSet = body.path("ruleSet");
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        metadata.path("tags").properties().forEach(entry -> tags.put(entry.getKey(), texts(entry.getValue())));
        Map<String, String> properties = new LinkedHashMap<>();
        metadata.path("properties")
                .properties()
                .forEach(
                        entry -> properties.put(entry.getKey(), entry.getValue().asText()));
        return new DataContract(
                tags, properties, rules(ruleSet.path("domainRules")), rules(ruleSet.path("migrationRules")));
    }

    /**
     * The fields {@code metadata} and {@code ruleSet} of a register request; those empty are left out. Tags and
     * properties in name order, rules in theirs: equal contracts give equal text.
     */
    public ObjectNode toJson() {
        ObjectNode body = JSON.createObjectNode();
        if (!tags.isEmpty() || !properties.isEmpty()) {
            ObjectNode metadata = body.putObject("metadata");
            if (!tags.isEmpty()) {
                ObjectNode tagNode = metadata.putObject("tags");
                new java.util.TreeMap<>(tags)
                        .forEach((path, names) -> names.stream().sorted().forEach(tagNode.withArray(path)::add));
            }
            if (!properties.isEmpty()) {
                ObjectNode propertyNode = metadata.putObject("properties");
                new java.util.TreeMap<>(properties).forEach(propertyNode::put);
            }
        }
        if (!domainRules.isEmpty() || !migrationRules.isEmpty()) {
            ObjectNode ruleSet = body.putObject("ruleSet");
            if (!migrationRules.isEmpty()) {
                migrationRules.forEach(
                        rule -> ruleSet.withArray("migrationRules").add(toJson(rule)));
            }
            if (!domainRules.isEmpty()) {
                domainRules.forEach(rule -> ruleSet.withArray("domainRules").add(toJson(rule)));
            }
        }
        return body;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Rule> rules(JsonNode array) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : array) {
            Map<String, String> params = new LinkedHashMap<>();
            rule.path("params")
                    .properties()
                    .forEach(
                            entry -> params.put(entry.getKey(), entry.getValue().asText()));
            rules.add(new Rule(
                    rule.path("name").asText(),
                    text(rule, "doc"),
                    rule.path("kind").asText("CONDITION"),
                    rule.path("mode").asText("WRITE"),
                    rule.path("type").asText(""),
                    texts(rule.path("tags")),
                    params,
                    text(rule, "expr"),
                    text(rule, "onSuccess"),
                    text(rule, "onFailure"),
                    rule.path("disabled").asBoolean(false)));
        }
        return rules;
    }

    private static ObjectNode toJson(Rule rule) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", rule.name());
        if (rule.doc() != null) {
            node.put("doc", rule.doc());
        }
        node.put("kind", rule.kind());
        node.put("mode", rule.mode());
        node.put("type", rule.type());
        if (!rule.tags().isEmpty()) {
            ArrayNode tagNode = node.putArray("tags");
            rule.tags().stream().sorted().forEach(tagNode::add);
        }
        if (!rule.params().isEmpty()) {
            ObjectNode params = node.putObject("params");
            rule.params().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> params.put(entry.getKey(), entry.getValue()));
        }
        if (rule.expr() != null) {
            node.put("expr", rule.expr());
        }
        if (rule.onSuccess() != null) {
            node.put("onSuccess", rule.onSuccess());
        }
        if (rule.onFailure() != null) {
            node.put("onFailure", rule.onFailure());
        }
        if (rule.disabled()) {
            node.put("disabled", true);
        }
        return node;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new LinkedHashSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
