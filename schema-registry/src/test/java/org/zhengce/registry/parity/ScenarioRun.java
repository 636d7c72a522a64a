package org.zhengce.registry.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.migration.RegistryMigration;
import org.zhengce.registry.migration.RegistryRestClient;
import org.zhengce.registry.migration.RegistryRestClient.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scenario played against one registry: each call's answer is checked as the scenario expects and kept as a
 * {@link Step}, in a form two registries can be compared in. What legitimately differs is left out: ids and GUIDs
 * become aliases in the order they are first seen ({@code id#1}, {@code guid#1}), error messages and compatibility
 * messages are dropped (their {@code error_code}s and {@code is_compatible} stay), and Confluent 8's 40901 is read
 * as 409.
 */
final class ScenarioRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * An incompatible schema: HTTP 409 from both, {@code error_code} 409 from ours and 40901 from Confluent Platform 8
     * (README, errors); compared as one.
     */
    private static final int INCOMPATIBLE = 409;

    private static final int INCOMPATIBLE_CP8 = 40901;

    private final RegistryRestClient registry;
    private final String prefix;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, String> aliases = new HashMap<>();

    /** One call's kept answer: what the scenario calls it, the HTTP status and the comparable body. */
    record Step(String label, int status, JsonNode body) {}

    ScenarioRun(String url, @Nullable String userInfo, String prefix) {
        this.registry = new RegistryMigration().client(url, userInfo);
        this.prefix = prefix;
    }

    /** A subject name of this scenario's own. */
    String subject(String name) {
        return prefix + name;
    }

    /** {@code /subjects/<subject>} and what follows, the subject encoded as one path segment. */
    static String subjectPath(String subject, String rest) {
        return "/subjects/" + RegistryRestClient.segment(subject) + rest;
    }

    Answer get(String label, String path, int status) {
        return kept(label, registry.get(path), status);
    }

    Answer post(String label, String path, Object body, int status) {
        return kept(label, registry.post(path, body), status);
    }

    Answer put(String label, String path, Object body, int status) {
        return kept(label, registry.put(path, body), status);
    }

    Answer delete(String label, String path, int status) {
        return kept(label, registry.delete(path), status);
    }

    /** An error answer with Confluent's {@code error_code} (409 or Confluent 8's 40901 for an incompatible schema). */
    Answer error(Answer answer, int errorCode) {
        int code = answer.errorCode() == INCOMPATIBLE_CP8 ? INCOMPATIBLE : answer.errorCode();
        assertThat(code).as("error_code of %s", answer).isEqualTo(errorCode);
        return answer;
    }

    /** Keeps a fact the scenario derived (from answers that hold more than this scenario's own subjects). */
    void fact(String label, Object value) {
        steps.add(new Step(label, 0, JSON.valueToTree(value)));
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    private Answer kept(String label, Answer answer, int status) {
        assertThat(answer.status()).as("%s: %s", label, answer).isEqualTo(status);
        steps.add(new Step(label, answer.status(), comparable(answer.body())));
        return answer;
    }

    private JsonNode comparable(JsonNode body) {
        if (body.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (name.equals("message") || name.equals("messages")) {
                    continue;
                }
                if ((name.equals("id") || name.equals("maxId")) && value.isNumber()) {
                    copy.put(name, alias("id", value.asString()));
                } else if (name.equals("error_code") && value.asInt() == INCOMPATIBLE_CP8) {
                    copy.put(name, INCOMPATIBLE);
                } else if (name.equals("guid")) {
                    copy.put(name, alias("guid", value.asString()));
                } else {
                    copy.set(name, comparable(value));
                }
            }
            return copy;
        }
        if (body.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            body.forEach(element -> copy.add(comparable(element)));
            return copy;
        }
        return body;
    }

    private String alias(String kind, String value) {
        String key = kind + ":" + value;
        String known = aliases.get(key);
        if (known != null) {
            return known;
        }
        long seen =
                aliases.keySet().stream().filter(k -> k.startsWith(kind + ":")).count();
        String alias = kind + "#" + (seen + 1);
        aliases.put(key, alias);
        return alias;
    }
}
