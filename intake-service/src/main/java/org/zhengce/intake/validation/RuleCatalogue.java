package org.zhengce.intake.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.zhengce.intake.DepartmentEvent;

/**
 * Which of {@link EventValidator}'s rules apply to which field of an event type, read from the schema at run time by
 * the same tests the validator applies (a resident identity, a required value, a timestamp, a date, a field ending in
 * {@code Fen} or {@code Days}, a {@code communityCode}, an enum, a published key), plus the validator's per-fact rules
 * ({@link EventValidator#FACT_RULES}): what the page of an event type lists, so that it cannot drift from the checks.
 */
public final class RuleCatalogue {

    private RuleCatalogue() {}

    /** One field of an event, with its path as violations name it ({@code fact.members[].identity.identityNumber}). */
    public record Field(String path, String type, boolean required, String documentation, List<ValidationRule> rules) {}

    /** The envelope's fields (everything but {@code fact}), then {@code fact}'s fields of the type {@code fact}. */
    public static List<Field> fieldsOf(Schema fact) {
        List<Field> fields = new ArrayList<>();
        Schema envelope = DepartmentEvent.getClassSchema();
        for (Schema.Field field : envelope.getFields()) {
            if (!field.name().equals("fact")) {
                walk(field, field.schema(), field.name(), envelope, fields);
            }
        }
        for (Schema.Field field : fact.getFields()) {
            walk(field, field.schema(), "fact." + field.name(), fact, fields);
        }
        return fields;
    }

    /** The rules that compare fields of an event of {@code type} (beyond each field's own), by field path. */
    public static Map<String, List<ValidationRule>> factRulesOf(String type) {
        Map<String, List<ValidationRule>> rules = new LinkedHashMap<>();
        rules.put("occurredAt", List.of(ValidationRule.OCCURRED_AFTER_REPORTED));
        rules.putAll(EventValidator.FACT_RULES.getOrDefault(type, Map.of()));
        return rules;
    }

    private static void walk(Schema.Field field, Schema schema, String path, Schema owner, List<Field> fields) {
        boolean required = !schema.isNullable();
        Schema value = nonNull(schema);
        List<Schema> records = value.getType() == Schema.Type.UNION
                ? value.getTypes().stream()
                        .filter(s -> s.getType() == Schema.Type.RECORD)
                        .toList()
                : List.of();
        fields.add(new Field(
                path,
                describe(value),
                required,
                field.doc() == null ? "" : field.doc(),
                rulesOf(field.name(), value, owner, required)));
        if (value.getType() == Schema.Type.RECORD) {
            children(value, path, fields);
        } else if (value.getType() == Schema.Type.ARRAY
                && nonNull(value.getElementType()).getType() == Schema.Type.RECORD) {
            children(nonNull(value.getElementType()), path + "[]", fields);
        }
        for (Schema record : records) {
            children(record, path, fields);
        }
    }

    private static void children(Schema record, String path, List<Field> fields) {
        for (Schema.Field child : record.getFields()) {
            walk(child, child.schema(), path + "." + child.name(), record, fields);
        }
    }

    /** The rules {@link EventValidator} applies to a field of this name and schema in {@code owner}. */
    private static List<ValidationRule> rulesOf(String name, Schema schema, Schema owner, boolean required) {
        Set<ValidationRule> rules = new LinkedHashSet<>();
        String field = owner.getName() + "." + name;
        if (required) {
            rules.add(ValidationRule.REQUIRED);
        }
        if (owner.getFullName().equals(EventValidator.RESIDENT_IDENTITY)) {
            rules.add(ValidationRule.IDENTITY_NUMBER_LENGTH);
            rules.add(ValidationRule.IDENTITY_NUMBER_CHARACTERS);
            rules.add(ValidationRule.IDENTITY_NUMBER_BIRTH_DATE);
            rules.add(ValidationRule.IDENTITY_NUMBER_CHECK_DIGIT);
            rules.add(ValidationRule.CONTROL_CHARACTER);
            return List.copyOf(rules);
        }
        Schema value = schema.getType() == Schema.Type.ARRAY ? nonNull(schema.getElementType()) : schema;
        LogicalType logical = value.getLogicalType();
        String logicalName = logical == null ? "" : logical.getName();
        switch (value.getType()) {
            case STRING -> {
                rules.add(ValidationRule.CONTROL_CHARACTER);
                if (EventValidator.KEYS.contains(field)) {
                    rules.add(ValidationRule.IDENTITY_NUMBER_IN_KEY);
                }
                if (field.endsWith(".communityCode")) {
                    rules.add(ValidationRule.COMMUNITY_CODE_FORMAT);
                    rules.add(ValidationRule.COMMUNITY_CODE_UNKNOWN);
                }
            }
            case ENUM -> rules.add(ValidationRule.ENUM_UNKNOWN);
            case INT, LONG -> {
                if (logicalName.equals("timestamp-millis")) {
                    rules.add(ValidationRule.TIME_IN_FUTURE);
                    rules.add(ValidationRule.TIME_TOO_EARLY);
                } else if (logicalName.equals("date")) {
                    if (!EventValidator.FUTURE_DATES_ALLOWED.contains(field)) {
                        rules.add(ValidationRule.DATE_IN_FUTURE);
                    }
                } else if (name.endsWith("Fen")) {
                    rules.add(ValidationRule.AMOUNT_NEGATIVE);
                } else if (name.endsWith("Days") || name.startsWith("months")) {
                    rules.add(ValidationRule.COUNT_NEGATIVE);
                }
            }
            default -> {
                // records, arrays of records, booleans: their fields carry the rules
            }
        }
        return List.copyOf(rules);
    }

    private static String describe(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case RECORD -> "record " + schema.getName();
            case ENUM -> "enum " + schema.getName() + " " + schema.getEnumSymbols();
            case ARRAY -> "array of " + describe(nonNull(schema.getElementType()));
            case MAP -> "map of " + describe(nonNull(schema.getValueType()));
            case UNION ->
                "one of "
                        + schema.getTypes().stream()
                                .filter(s -> s.getType() != Schema.Type.NULL)
                                .map(RuleCatalogue::describe)
                                .toList();
            default -> schema.getType().getName() + (logical == null ? "" : " (" + logical.getName() + ")");
        };
    }

    /** The branch of a nullable union that is not null (or the union of the rest), else the schema itself. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> rest = schema.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        return rest.size() == 1 ? rest.get(0) : Schema.createUnion(rest);
    }
}
