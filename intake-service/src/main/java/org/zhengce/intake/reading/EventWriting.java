package org.zhengce.intake.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.ResidentIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of a department event (see {@link EventJson}), the inverse of {@link EventReading}. Stateless. */
final class EventWriting {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventWriting() {}

    /** The JSON form of {@code event}; missing values (of a partial event) and optional nulls are left out. */
    static ObjectNode write(DepartmentEvent event) {
        ObjectNode json = NODES.objectNode();
        putText(json, "eventId", event.getEventId());
        putText(json, "department", event.getDepartment());
        if (event.getFact() != null) {
            json.put("type", EventTypes.nameOf(event.getFact()));
        }
        putText(json, "occurredAt", event.getOccurredAt());
        putText(json, "reportedAt", event.getReportedAt());
        if (event.getSubject() != null) {
            json.set("subject", subject(event.getSubject()));
        }
        putText(json, "communityCode", event.getCommunityCode());
        if (event.getFact() != null) {
            json.set("fact", value(((IndexedRecord) event.getFact()).getSchema(), event.getFact(), "fact"));
        }
        return json;
    }

    private static ObjectNode subject(Object subject) {
        ObjectNode json = NODES.objectNode();
        if (subject instanceof HouseholdNumber household) {
            putText(json, EventReading.HOUSEHOLD_NUMBER, household.getValue());
        } else if (subject instanceof ResidentIdentity identity) {
            putText(json, EventReading.IDENTITY_NUMBER, identity.getIdentityNumber());
        } else {
            throw new IllegalArgumentException(
                    "a subject is a HouseholdNumber or a ResidentIdentity, not " + subject.getClass());
        }
        return json;
    }

    private static JsonNode value(Schema schema, @Nullable Object value, String path) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> value(nonNullBranch(schema, path), value, path);
            case RECORD -> record((IndexedRecord) value, path);
            case ARRAY -> {
                ArrayNode items = NODES.arrayNode();
                int index = 0;
                for (Object item : (Collection<?>) value) {
                    items.add(value(schema.getElementType(), item, path + "[" + index++ + "]"));
                }
                yield items;
            }
            case ENUM, STRING -> NODES.stringNode(value.toString());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT ->
                date(schema, path) ? NODES.stringNode(dateOf(value).toString()) : NODES.numberNode((Integer) value);
            case LONG ->
                timestamp(schema, path)
                        ? NODES.stringNode(instantOf(value).toString())
                        : NODES.numberNode((Long) value);
            default -> throw EventReading.unsupported(schema, path);
        };
    }

    private static ObjectNode record(IndexedRecord record, String path) {
        ObjectNode json = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value != null) {
                json.set(field.name(), value(field.schema(), value, EventReading.join(path, field.name())));
            }
        }
        return json;
    }

    private static void putText(ObjectNode json, String name, @Nullable Object value) {
        if (value != null) {
            json.put(name, value.toString());
        }
    }

    private static Schema nonNullBranch(Schema union, String path) {
        return union.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .reduce((one, other) -> {
                    throw EventReading.unsupported(union, path);
                })
                .orElseThrow(() -> EventReading.unsupported(union, path));
    }

    private static boolean date(Schema schema, String path) {
        return logicalName(schema, path).equals("date");
    }

    private static boolean timestamp(Schema schema, String path) {
        return logicalName(schema, path).equals("timestamp-millis");
    }

    private static String logicalName(Schema schema, String path) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType == null) {
            return "";
        }
        if (!logicalType.getName().equals("date") && !logicalType.getName().equals("timestamp-millis")) {
            throw EventReading.unsupported(schema, path);
        }
        return logicalType.getName();
    }

    private static LocalDate dateOf(Object value) {
        return value instanceof LocalDate date ? date : LocalDate.ofEpochDay((Integer) value);
    }

    private static Instant instantOf(Object value) {
        return value instanceof Instant instant ? instant : Instant.ofEpochMilli((Long) value);
    }
}
