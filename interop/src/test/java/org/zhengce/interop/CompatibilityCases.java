package org.zhengce.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A fixed list of schema changes with the answers Avro's own {@link SchemaCompatibility} gives for
 * each compatibility level. The Node test {@code compatibility.test.mjs} asks our registry the same
 * questions through Confluent's JS client and expects the same answers.
 */
final class CompatibilityCases {

    /**
     * A subject's history (registered in order under {@code level}) and a candidate schema.
     * {@code compatibleWithLatest} is the answer for the latest version alone (the
     * {@code /compatibility/subjects/{s}/versions/latest} question); {@code registrable} also
     * counts every earlier version when the level is transitive.
     */
    record Case(String name, String level, List<Schema> history, Schema candidate) {

        boolean compatibleWithLatest() {
            return compatible(candidate, history.get(history.size() - 1), level);
        }

        boolean registrable() {
            return level.endsWith("_TRANSITIVE")
                    ? history.stream().allMatch(older -> compatible(candidate, older, level))
                    : compatibleWithLatest();
        }
    }

    private static final String VISIT_ID = """
            {"name": "visitId", "type": "string", "doc": "Visit id"}""";
    private static final String URGENCY = """
            {"name": "urgency", "type": "int", "doc": "1 (low) to 3 (urgent)"}""";
    private static final String URGENCY_WITH_DEFAULT = """
            {"name": "urgency", "type": "int", "doc": "1 (low) to 3 (urgent)", "default": 1}""";
    private static final String URGENCY_LONG = """
            {"name": "urgency", "type": "long", "doc": "1 (low) to 3 (urgent)"}""";
    private static final String NOTE = """
            {"name": "note", "type": "string", "doc": "Free text"}""";
    private static final String NOTE_WITH_DEFAULT = """
            {"name": "note", "type": "string", "doc": "Free text", "default": ""}""";
    private static final String NOTE_NULLABLE = """
            {"name": "note", "type": ["null", "string"], "doc": "Free text", "default": null}""";
    private static final String NOTE_AS_INT = """
            {"name": "note", "type": "int", "doc": "A note code"}""";
    private static final String NOTE_AS_INT_WITH_DEFAULT = """
            {"name": "note", "type": "int", "doc": "A note code", "default": 0}""";
    private static final String NEED = """
            {"name": "need", "doc": "Need observed",
             "type": {"type": "enum", "name": "Need", "symbols": ["FOOD", "HOUSING"]}}""";
    private static final String NEED_PLUS_CARE = """
            {"name": "need", "doc": "Need observed",
             "type": {"type": "enum", "name": "Need", "symbols": ["FOOD", "HOUSING", "CARE"]}}""";
    private static final String NEED_WITH_DEFAULT = """
            {"name": "need", "doc": "Need observed",
             "type": {"type": "enum", "name": "Need", "symbols": ["FOOD", "HOUSING"], "default": "FOOD"}}""";
    private static final String NEED_PLUS_CARE_WITH_DEFAULT = """
            {"name": "need", "doc": "Need observed",
             "type": {"type": "enum", "name": "Need", "symbols": ["FOOD", "HOUSING", "CARE"], "default": "FOOD"}}""";

    static final List<Case> ALL = List.of(
            single("add-field-with-default", "BACKWARD", visit(VISIT_ID), visit(VISIT_ID, URGENCY_WITH_DEFAULT)),
            single("add-field-without-default", "BACKWARD", visit(VISIT_ID), visit(VISIT_ID, URGENCY)),
            single("add-field-without-default", "FORWARD", visit(VISIT_ID), visit(VISIT_ID, URGENCY)),
            single("add-field-with-default", "FULL", visit(VISIT_ID), visit(VISIT_ID, URGENCY_WITH_DEFAULT)),
            single("add-field-without-default", "FULL", visit(VISIT_ID), visit(VISIT_ID, URGENCY)),
            single("remove-field-without-default", "BACKWARD", visit(VISIT_ID, NOTE), visit(VISIT_ID)),
            single("remove-field-without-default", "FORWARD", visit(VISIT_ID, NOTE), visit(VISIT_ID)),
            single("widen-int-to-long", "BACKWARD", visit(VISIT_ID, URGENCY), visit(VISIT_ID, URGENCY_LONG)),
            single("widen-int-to-long", "FORWARD", visit(VISIT_ID, URGENCY), visit(VISIT_ID, URGENCY_LONG)),
            single("string-to-nullable-string", "BACKWARD", visit(VISIT_ID, NOTE), visit(VISIT_ID, NOTE_NULLABLE)),
            single("string-to-nullable-string", "FORWARD", visit(VISIT_ID, NOTE), visit(VISIT_ID, NOTE_NULLABLE)),
            single("add-enum-symbol", "BACKWARD", visit(VISIT_ID, NEED), visit(VISIT_ID, NEED_PLUS_CARE)),
            single("add-enum-symbol", "FORWARD", visit(VISIT_ID, NEED), visit(VISIT_ID, NEED_PLUS_CARE)),
            single(
                    "add-enum-symbol-with-enum-default",
                    "FORWARD",
                    visit(VISIT_ID, NEED_WITH_DEFAULT),
                    visit(VISIT_ID, NEED_PLUS_CARE_WITH_DEFAULT)),
            single("change-string-to-int", "NONE", visit(VISIT_ID, NOTE), visit(VISIT_ID, NOTE_AS_INT)),
            single("change-string-to-int", "BACKWARD", visit(VISIT_ID, NOTE), visit(VISIT_ID, NOTE_AS_INT)),
            new Case(
                    "reintroduce-field-with-other-type",
                    "BACKWARD",
                    List.of(visit(VISIT_ID, NOTE), visit(VISIT_ID)),
                    visit(VISIT_ID, NOTE_AS_INT_WITH_DEFAULT)),
            new Case(
                    "reintroduce-field-with-other-type",
                    "BACKWARD_TRANSITIVE",
                    List.of(visit(VISIT_ID, NOTE), visit(VISIT_ID)),
                    visit(VISIT_ID, NOTE_AS_INT_WITH_DEFAULT)),
            new Case(
                    "reintroduce-field-with-other-type",
                    "FULL_TRANSITIVE",
                    List.of(visit(VISIT_ID, NOTE_WITH_DEFAULT), visit(VISIT_ID)),
                    visit(VISIT_ID, NOTE_AS_INT_WITH_DEFAULT)));

    private CompatibilityCases() {}

    /** Writes every case with its expected answers as JSON for the Node test. */
    static void writeJson(Path file) throws IOException {
        var cases = ALL.stream()
                .map(c -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("name", c.name() + "." + c.level().toLowerCase());
                    json.put("level", c.level());
                    json.put(
                            "history",
                            c.history().stream().map(Schema::toString).toList());
                    json.put("candidate", c.candidate().toString());
                    json.put("compatibleWithLatest", c.compatibleWithLatest());
                    json.put("registrable", c.registrable());
                    return json;
                })
                .toList();
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), Map.of("cases", cases));
    }

    /** Whether {@code newer} may follow {@code older} under {@code level}, by Avro's rules. */
    static boolean compatible(Schema newer, Schema older, String level) {
        boolean backward = canRead(newer, older);
        boolean forward = canRead(older, newer);
        return switch (level) {
            case "NONE" -> true;
            case "BACKWARD", "BACKWARD_TRANSITIVE" -> backward;
            case "FORWARD", "FORWARD_TRANSITIVE" -> forward;
            case "FULL", "FULL_TRANSITIVE" -> backward && forward;
            default -> throw new IllegalArgumentException("Unknown compatibility level " + level);
        };
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                        .getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    private static Case single(String name, String level, Schema older, Schema candidate) {
        return new Case(name, level, List.of(older), candidate);
    }

    private static Schema visit(String... fields) {
        return new Schema.Parser().parse("""
                {"type": "record", "name": "Visit", "namespace": "org.zhengce.interop.compatibility",
                 "doc": "A community visit (走访记录), the subject of the compatibility cases",
                 "fields": [%s]}""".formatted(String.join(", ", fields)));
    }
}
