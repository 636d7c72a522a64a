package org.zhengce.democity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.ResidentIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a department event that intake's {@code POST /events} reads (intake-service README, "The JSON form
 * of an event"): {@code eventId, department, type, occurredAt, reportedAt, subject, communityCode, fact}, the fact's
 * fields by their schema names, enums by symbol, timestamps ISO-8601 in UTC, dates {@code YYYY-MM-DD}, amounts in whole
 * fen, absent optional values left out. Written from the Avro schema, so every fact type has its form without code.
 * Thread-safe.
 */
public final class IntakeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private IntakeJson() {}

    /** The event as one JSON object. */
    public static ObjectNode write(DepartmentEvent event) {
        ObjectNode node = NODES.objectNode();
        node.put("eventId", event.getEventId());
        node.put("department", event.getDepartment().name());
        node.put("type", ((IndexedRecord) event.getFact()).getSchema().getName());
        node.put("occurredAt", event.getOccurredAt().toString());
        node.put("reportedAt", event.getReportedAt().toString());
        ObjectNode subject = node.putObject("subject");
        if (event.getSubject() instanceof HouseholdNumber household) {
            subject.put("householdNumber", household.getValue());
        } else {
            subject.put("identityNumber", ((ResidentIdentity) event.getSubject()).getIdentityNumber());
        }
        if (event.getCommunityCode() != null) {
            node.put("communityCode", event.getCommunityCode());
        }
        node.set("fact", record((IndexedRecord) event.getFact()));
        return node;
    }

    /** The event as UTF-8 JSON on one line, without a line end: one line of an NDJSON body. */
    public static byte[] line(DepartmentEvent event) {
        return MAPPER.writeValueAsBytes(write(event));
    }

    private static ObjectNode record(IndexedRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            JsonNode value = value(field.schema(), record.get(field.pos()));
            if (value != null) {
                node.set(field.name(), value);
            }
        }
        return node;
    }

    private static @Nullable JsonNode value(Schema schema, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        switch (schema.getType()) {
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return value(branch, value);
                    }
                }
                throw new IllegalStateException("a union without a value branch: " + schema);
            }
            case RECORD -> {
                return record((IndexedRecord) value);
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) value) {
                    array.add(value(schema.getElementType(), item));
                }
                return array;
            }
            case ENUM -> {
                return NODES.textNode(
                        value instanceof GenericEnumSymbol<?> symbol ? symbol.toString() : ((Enum<?>) value).name());
            }
            case STRING -> {
                return NODES.textNode(value.toString());
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) value);
            }
            case INT -> {
                LogicalType logical = schema.getLogicalType();
                if (logical != null && logical.getName().equals("date")) {
                    return NODES.textNode(
                            (value instanceof LocalDate date ? date : LocalDate.ofEpochDay((Integer) value))
                                    .toString());
                }
                return NODES.numberNode((Integer) value);
            }
            case LONG -> {
                LogicalType logical = schema.getLogicalType();
                if (logical != null && logical.getName().equals("timestamp-millis")) {
                    return NODES.textNode(
                            (value instanceof Instant instant ? instant : Instant.ofEpochMilli((Long) value))
                                    .toString());
                }
                return NODES.numberNode((Long) value);
            }
            default ->
                throw new IllegalStateException("no JSON form for " + schema.getType() + " in the data standard");
        }
    }
}
