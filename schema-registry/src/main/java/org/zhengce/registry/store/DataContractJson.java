package org.zhengce.registry.store;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical JSON text of a metadata or rule-set object: compact, object fields in name order
 * (array order kept), so that equal contracts are equal text.
 */
public final class DataContractJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DataContractJson() {}

    public static String canonical(JsonNode node) {
        return JSON.writeValueAsString(sorted(node));
    }

    public static JsonNode parse(String canonical) {
        return JSON.readTree(canonical);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            ObjectNode copy = JSON.createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
