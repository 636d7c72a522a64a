package org.zhengce.schemas.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;
import org.zhengce.schemas.registry.Rule;
import org.zhengce.schemas.rules.CelPrograms.RuleEvaluationException;

/**
 * A {@code CEL_FIELD} rule over every field of a value, as Confluent's Avro field walk visits them: each record field
 * (nested records, union branches, array items and map values included) whose value is not itself a record, array or
 * map, named {@code Record.field} ({@code fullName}) and tagged by its inline {@code confluent:tags} and the
 * contract's metadata tags. A rule with {@code tags} runs on the fields carrying one of them; without, on all. A
 * condition must be true on each field; a transform's result replaces the field's value (the value is a copy).
 */
final class FieldRules {

    static final String INLINE_TAGS = "confluent:tags";

    private final CelPrograms programs;
    private final Rule rule;
    private final Map<String, Set<String>> metadataTags;
    private final boolean condition;
    private final boolean ignoreGuard;
    private final Map<IndexedRecord, Object> celRecords = new IdentityHashMap<>();

    FieldRules(CelPrograms programs, Rule rule, Map<String, Set<String>> metadataTags) {
        this.programs = programs;
        this.rule = rule;
        this.metadataTags = metadataTags;
        this.condition = "CONDITION".equals(rule.kind());
        this.ignoreGuard = Boolean.parseBoolean(rule.params().get(CelPrograms.IGNORE_GUARD_SEPARATOR));
    }

    /**
     * Runs the rule on every field of {@code value}; returns {@code value}, its fields transformed in place. A
     * condition false on a field raises a {@link RuleEvaluationException} naming the field.
     */
    @Nullable
    Object walk(@Nullable Object value, Schema schema, GenericData data) throws RuleEvaluationException {
        return walk(value, schema, data, null);
    }

    private @Nullable Object walk(@Nullable Object value, Schema schema, GenericData data, @Nullable Field field)
            throws RuleEvaluationException {
        switch (schema.getType()) {
            case UNION -> {
                return walk(value, schema.getTypes().get(data.resolveUnion(schema, value)), data, field);
            }
            case RECORD -> {
                if (value == null) {
                    return null;
                }
                IndexedRecord record = (IndexedRecord) value;
                for (Schema.Field member : schema.getFields()) {
                    Field inner = new Field(record, schema, member, tagsOf(schema, member));
                    Object current = data.getField(record, member.name(), member.pos());
                    Object changed = walk(current, member.schema(), data, inner);
                    if (changed != current) {
                        data.setField(record, member.name(), member.pos(), changed);
                        celRecords.remove(record);
                    }
                }
                return record;
            }
            case ARRAY -> {
                if (!(value instanceof Collection<?> items)) {
                    return value;
                }
                List<Object> walked = new ArrayList<>(items.size());
                boolean changed = false;
                for (Object item : items) {
                    Object result = walk(item, schema.getElementType(), data, field);
                    changed |= result != item;
                    walked.add(result);
                }
                return changed ? walked : value;
            }
            case MAP -> {
                if (!(value instanceof Map<?, ?> entries)) {
                    return value;
                }
                Map<Object, Object> walked = new LinkedHashMap<>();
                boolean changed = false;
                for (Map.Entry<?, ?> entry : entries.entrySet()) {
                    Object result = walk(entry.getValue(), schema.getValueType(), data, field);
                    changed |= result != entry.getValue();
                    walked.put(entry.getKey(), result);
                }
                return changed ? walked : value;
            }
            default -> {
                if (field == null || !selected(field.tags())) {
                    return value;
                }
                return leaf(value, schema, data, field);
            }
        }
    }

    private @Nullable Object leaf(@Nullable Object value, Schema schema, GenericData data, Field field)
            throws RuleEvaluationException {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("value", AvroCel.toCel(value, schema, data));
        bindings.put("name", field.member().name());
        bindings.put("fullName", field.fullName());
        bindings.put("typeName", schema.getType().name());
        bindings.put("tags", List.copyOf(field.tags()));
        bindings.put(
                "message",
                celRecords.computeIfAbsent(
                        field.record(), record -> AvroCel.toCel(record, field.recordSchema(), data)));
        CelPrograms.Outcome outcome = programs.run(exprOf(rule), true, ignoreGuard, bindings);
        if (condition) {
            if (!Boolean.TRUE.equals(outcome.value())) {
                throw new RuleEvaluationException("field " + field.fullName() + " does not satisfy " + rule.expr());
            }
            return value;
        }
        if (outcome.guarded()) {
            return value;
        }
        try {
            return AvroCel.fromCel(outcome.value(), schema, data);
        } catch (RuntimeException e) {
            throw new RuleEvaluationException("field " + field.fullName() + ": " + e.getMessage(), e);
        }
    }

    private boolean selected(Set<String> fieldTags) {
        return rule.tags().isEmpty() || fieldTags.stream().anyMatch(rule.tags()::contains);
    }

    private Set<String> tagsOf(Schema record, Schema.Field member) {
        Set<String> tags = new LinkedHashSet<>();
        if (member.getObjectProp(INLINE_TAGS) instanceof Collection<?> inline) {
            inline.forEach(tag -> tags.add(tag.toString()));
        }
        String fullName = record.getFullName() + "." + member.name();
        metadataTags.forEach((path, pathTags) -> {
            if (wildcard(path).matcher(fullName).matches()) {
                tags.addAll(pathTags);
            }
        });
        return tags;
    }

    static String exprOf(Rule rule) throws RuleEvaluationException {
        if (rule.expr() == null || rule.expr().isBlank()) {
            throw new RuleEvaluationException("rule has no expr");
        }
        return rule.expr();
    }

    /** Confluent's path wildcards: {@code **} any characters, {@code *} any but a dot, {@code ?} one character. */
    static Pattern wildcard(String path) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' && i + 1 < path.length() && path.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^.]*");
            } else if (c == '?') {
                regex.append("[^.]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private record Field(IndexedRecord record, Schema recordSchema, Schema.Field member, Set<String> tags) {
        String fullName() {
            return recordSchema.getFullName() + "." + member.name();
        }
    }
}
