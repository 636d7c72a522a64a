package org.zhengce.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;
import org.zhengce.interop.RuleParityCases.Case;
import org.zhengce.schemas.rules.RuleFailedException;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * What one serde did with each rule parity case on writing: the bytes it wrote, or the error it refused the record
 * with. Ours are taken here and written as JSON for the Node test; the JavaScript serde's are read back from the JSON
 * the Node test writes.
 *
 * @param errorType the refusal's class ({@code RuleFailedException}; {@code SerializationError}, {@code RuleError}
 *     in JavaScript)
 * @param rule the rule the refusal names, when it names one
 */
record RuleVerdicts(
        String caseName,
        byte @Nullable [] payload,
        @Nullable String errorType,
        @Nullable String rule,
        @Nullable String message) {

    boolean accepted() {
        return payload != null;
    }

    /** Serialises every case with {@code serializer}, catching each refusal. */
    static List<RuleVerdicts> ofOurSerializer(ConfluentAvroSerializer<GenericRecord> serializer) {
        List<RuleVerdicts> verdicts = new ArrayList<>();
        for (Case c : RuleParityCases.ALL) {
            try {
                byte[] payload = serializer.serialize(RuleParityCases.TOPIC, RuleParityCases.record(c.value()));
                verdicts.add(new RuleVerdicts(c.name(), payload, null, null, null));
            } catch (RuleFailedException e) {
                verdicts.add(
                        new RuleVerdicts(c.name(), null, e.getClass().getSimpleName(), e.ruleName(), e.getMessage()));
            }
        }
        return verdicts;
    }

    static void writeJson(Path file, List<RuleVerdicts> verdicts) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RuleVerdicts verdict : verdicts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", verdict.caseName());
            entry.put(
                    "payload", verdict.payload() == null ? null : HexFormat.of().formatHex(verdict.payload()));
            entry.put("errorType", verdict.errorType());
            entry.put("rule", verdict.rule());
            entry.put("message", verdict.message());
            entries.add(entry);
        }
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), Map.of("verdicts", entries));
    }

    /** The verdicts the Node test wrote, by case name. */
    static Map<String, RuleVerdicts> readJson(Path file) throws IOException {
        Map<String, RuleVerdicts> verdicts = new LinkedHashMap<>();
        for (JsonNode entry : new ObjectMapper().readTree(file.toFile()).path("verdicts")) {
            String name = entry.path("name").asText();
            verdicts.put(
                    name,
                    new RuleVerdicts(
                            name,
                            entry.path("payload").isTextual()
                                    ? HexFormat.of()
                                            .parseHex(entry.path("payload").asText())
                                    : null,
                            text(entry, "errorType"),
                            text(entry, "rule"),
                            text(entry, "message")));
        }
        return verdicts;
    }

    private static @Nullable String text(JsonNode entry, String field) {
        return entry.path(field).isTextual() ? entry.path(field).asText() : null;
    }
}
