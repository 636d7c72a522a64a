package org.zhengce.intake.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import org.zhengce.schemas.serde.GeneratedClassTrust;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One reading of the JSON form of a department event (see {@link EventJson}) into a {@link DepartmentEvent}, as far as
 * the input allows, collecting every form error. Driven by the Avro schema, so a new fact or field needs no code. Not
 * thread-safe: one instance per read.
 *
 * <p>The schema types with a JSON form are records, enums, arrays, strings, booleans, ints (plain or {@code date}),
 * longs (plain or {@code timestamp-millis}) and optional values ({@code ["null", T]}); the envelope's two other unions,
 * {@code subject} and {@code fact}, have forms of their own. Any other type (a map, bytes, a float, another union)
 * raises {@link IllegalStateException} naming where; {@code EventJsonTest} walks every schema under DepartmentEvent so
 * that a schema change bringing one fails the build first.
 */
final class EventReading {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String HOUSEHOLD_NUMBER = "householdNumber";
    static final String IDENTITY_NUMBER = "identityNumber";
    static final Set<String> ENVELOPE_FIELDS =
            Set.of("eventId", "department", "type", "occurredAt", "reportedAt", "subject", "communityCode", "fact");

    /** Records and enums are created with the class loader of the generated classes. */
    private static final SpecificData GENERATED = new SpecificData(DepartmentEvent.class.getClassLoader());

    private static final Schema ENVELOPE = DepartmentEvent.getClassSchema();
    private static final Schema DEPARTMENT = Department.getClassSchema();
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** Marks a value that could not be read; its violation has been added. */
    private static final Object UNREAD = new Object();

    static {
        // creating a generated record or enum by its schema loads its class by name, which Avro 1.12.2 refuses
        // unless generated classes are trusted
        GeneratedClassTrust.install();
    }

    private final ObjectMapper mapper;
    private final boolean text;
    private final List<Violation> violations = new ArrayList<>();

    /**
     * @param text whether every scalar arrives as text (CSV) and is converted to its field's type, blank text meaning
     *     absent
     */
    EventReading(ObjectMapper mapper, boolean text) {
        this.mapper = mapper;
        this.text = text;
    }

    ReadEvent read(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return ReadEvent.unreadable(
                    new Violation("", ValidationRule.MALFORMED_JSON, "not a JSON object but " + kindOf(node)));
        }
        for (String name : object.propertyNames()) {
            if (!ENVELOPE_FIELDS.contains(name)) {
                add(unknown("", name), ValidationRule.UNKNOWN_FIELD, shownValue(object.get(name)));
            }
        }
        DepartmentEvent event = new DepartmentEvent();
        String eventId = textOf(object.get("eventId"));
        field(event, ENVELOPE.getField("eventId"), object, "");
        department(event, object);
        String eventType = textOf(object.get("type"));
        Schema factSchema = type(object);
        field(event, ENVELOPE.getField("occurredAt"), object, "");
        field(event, ENVELOPE.getField("reportedAt"), object, "");
        subject(event, object);
        field(event, ENVELOPE.getField("communityCode"), object, "");
        fact(event, object, factSchema);
        return new ReadEvent(eventId, eventType, event, violations);
    }

    /** {@code department} is optional in the JSON form: the caller fills in the department that sent the event. */
    private void department(DepartmentEvent event, ObjectNode object) {
        JsonNode node = object.get("department");
        if (absent(node)) {
            return;
        }
        Object department = symbol(DEPARTMENT, node, "department");
        if (department != UNREAD) {
            event.setDepartment((Department) department);
        }
    }

    /** The fact schema {@code type} names, or {@code null} when it is missing, not text or unknown. */
    private @Nullable Schema type(ObjectNode object) {
        JsonNode node = object.get("type");
        if (absent(node)) {
            add("type", ValidationRule.REQUIRED, null);
            return null;
        }
        Object name = string(node, "type");
        if (name == UNREAD) {
            return null;
        }
        Schema schema = EventTypes.schemaOf((String) name).orElse(null);
        if (schema == null) {
            add("type", ValidationRule.EVENT_TYPE_UNKNOWN, (String) name);
        }
        return schema;
    }

    /** {@code subject}: an object with exactly one of householdNumber (a household) and identityNumber (a person). */
    private void subject(DepartmentEvent event, ObjectNode object) {
        JsonNode node = object.get("subject");
        if (absent(node)) {
            add("subject", ValidationRule.REQUIRED, null);
            return;
        }
        if (!node.isObject()) {
            mismatch("subject", node);
            return;
        }
        for (String name : node.propertyNames()) {
            if (!name.equals(HOUSEHOLD_NUMBER) && !name.equals(IDENTITY_NUMBER)) {
                add(unknown("subject", name), ValidationRule.UNKNOWN_FIELD, shownValue(node.get(name)));
            }
        }
        JsonNode household = node.get(HOUSEHOLD_NUMBER);
        JsonNode identity = node.get(IDENTITY_NUMBER);
        if (!absent(household) && !absent(identity)) {
            add("subject", ValidationRule.FORMAT, "both householdNumber and identityNumber: one subject only");
        } else if (!absent(household)) {
            Object number = string(household, "subject." + HOUSEHOLD_NUMBER);
            if (number != UNREAD) {
                event.setSubject(new HouseholdNumber((String) number));
            }
        } else if (!absent(identity)) {
            Object number = string(identity, "subject." + IDENTITY_NUMBER);
            if (number != UNREAD) {
                event.setSubject(new ResidentIdentity((String) number));
            }
        } else {
            add("subject", ValidationRule.REQUIRED, null);
        }
    }

    private void fact(DepartmentEvent event, ObjectNode object, @Nullable Schema factSchema) {
        JsonNode node = object.get("fact");
        if (absent(node)) {
            add("fact", ValidationRule.REQUIRED, null);
        } else if (factSchema != null) {
            Object fact = record(factSchema, node, "fact");
            if (fact != UNREAD) {
                event.setFact(fact);
            }
        } else if (!node.isObject()) {
            // the type is missing or unknown, so the fields cannot be checked; the form still can
            mismatch("fact", node);
        }
    }

    /** Reads {@code field} of {@code record} from {@code object} and puts it, unless it is missing or wrong. */
    private void field(IndexedRecord record, Schema.Field field, ObjectNode object, String path) {
        String fieldPath = join(path, field.name());
        JsonNode node = object.get(field.name());
        if (absent(node)) {
            if (field.hasDefaultValue()) {
                record.put(field.pos(), defaultOf(field));
            } else {
                add(fieldPath, ValidationRule.REQUIRED, null);
            }
            return;
        }
        Object value = value(field.schema(), node, fieldPath);
        if (value != UNREAD) {
            record.put(field.pos(), value);
        }
    }

    private @Nullable Object value(Schema schema, @Nullable JsonNode node, String path) {
        if (absent(node)) {
            if (schema.isNullable()) {
                return null;
            }
            add(path, ValidationRule.REQUIRED, null);
            return UNREAD;
        }
        return switch (schema.getType()) {
            case UNION -> value(optionalBranch(schema, path), node, path);
            case RECORD -> record(schema, node, path);
            case ARRAY -> array(schema, node, path);
            case ENUM -> symbol(schema, node, path);
            case STRING -> string(node, path);
            case BOOLEAN -> bool(node, path);
            case INT -> logicalName(schema, path).equals("date") ? date(node, path) : integer(node, path, true);
            case LONG ->
                logicalName(schema, path).equals("timestamp-millis") ? instant(node, path) : integer(node, path, false);
            default -> throw unsupported(schema, path);
        };
    }

    private Object record(Schema schema, JsonNode node, String path) {
        if (!node.isObject()) {
            return mismatch(path, node);
        }
        IndexedRecord record = newRecord(schema);
        for (Schema.Field field : schema.getFields()) {
            field(record, field, (ObjectNode) node, path);
        }
        for (String name : node.propertyNames()) {
            if (schema.getField(name) == null) {
                add(unknown(path, name), ValidationRule.UNKNOWN_FIELD, shownValue(node.get(name)));
            }
        }
        return record;
    }

    private Object array(Schema schema, JsonNode node, String path) {
        if (!node.isArray()) {
            return mismatch(path, node);
        }
        List<@Nullable Object> items = new ArrayList<>(node.size());
        for (int index = 0; index < node.size(); index++) {
            Object item = value(schema.getElementType(), node.get(index), path + "[" + index + "]");
            // a wrong item stays in its place as null, so the indices of the items after it are the paths sent
            items.add(item == UNREAD ? null : item);
        }
        return items;
    }

    private Object symbol(Schema schema, JsonNode node, String path) {
        String symbol = scalarText(node);
        if (symbol == null) {
            return mismatch(path, node);
        }
        if (text) {
            symbol = symbol.strip();
        }
        if (!schema.hasEnumSymbol(symbol)) {
            add(path, ValidationRule.ENUM_UNKNOWN, symbol);
            return UNREAD;
        }
        return GENERATED.createEnum(symbol, schema);
    }

    private Object string(JsonNode node, String path) {
        String value = scalarText(node);
        return value == null ? mismatch(path, node) : value;
    }

    private Object bool(JsonNode node, String path) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String value = text ? scalarText(node) : null;
        if (value != null
                && (value.strip().equalsIgnoreCase("true") || value.strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.strip());
        }
        return mismatch(path, node);
    }

    /** A whole number in the range of an Avro int or long: a JSON integer, or in text, digits. */
    private Object integer(JsonNode node, String path, boolean isInt) {
        Long value = null;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (text && node.isString()) {
            value = parseLong(node.stringValue().strip());
        }
        if (value == null || (isInt && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE))) {
            return mismatch(path, node);
        }
        return isInt ? (Object) value.intValue() : (Object) value;
    }

    /**
     * A {@code timestamp-millis}: ISO-8601 with an offset or {@code Z}, ISO local date-time (in China), or epoch
     * milliseconds (a JSON integer, or in text, digits). Finer fractions than milliseconds are cut, as Avro stores
     * milliseconds.
     */
    private Object instant(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? Instant.ofEpochMilli(node.longValue()) : mismatch(path, node);
        }
        if (!node.isString()) {
            return mismatch(path, node);
        }
        String value = text ? node.stringValue().strip() : node.stringValue();
        if (text && INTEGER.matcher(value).matches()) {
            Long millis = parseLong(value);
            return millis == null ? mismatch(path, node) : Instant.ofEpochMilli(millis);
        }
        Instant instant = parseInstant(value);
        if (instant == null) {
            add(path, ValidationRule.FORMAT, node.stringValue());
            return UNREAD;
        }
        return instant;
    }

    /** A {@code date}: {@code YYYY-MM-DD} text. */
    private Object date(JsonNode node, String path) {
        if (!node.isString()) {
            return mismatch(path, node);
        }
        String value = text ? node.stringValue().strip() : node.stringValue();
        if (DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException notADate) {
                // 2026-02-30 and the like: reported below
            }
        }
        add(path, ValidationRule.FORMAT, node.stringValue());
        return UNREAD;
    }

    static @Nullable Instant parseInstant(String value) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                instant = LocalDateTime.parse(value).atZone(CHINA).toInstant();
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
        try {
            instant.toEpochMilli();
        } catch (ArithmeticException beyondMillis) {
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static @Nullable Long parseLong(String value) {
        if (!INTEGER.matcher(value).matches()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    /** The field's default from the schema, read as JSON (only the default of an optional field is null). */
    private @Nullable Object defaultOf(Schema.Field field) {
        Object defaultValue = field.defaultVal();
        if (defaultValue == JsonProperties.NULL_VALUE) {
            return null;
        }
        EventReading json = new EventReading(mapper, false);
        Object value = json.value(field.schema(), mapper.valueToTree(defaultValue), field.name());
        if (value == UNREAD) {
            throw new IllegalStateException(
                    "the default of field " + field.name() + " does not fit its schema: " + json.violations);
        }
        return value;
    }

    /** The text of a scalar that may stand for text: a JSON string, or in text mode any scalar; else null. */
    private @Nullable String scalarText(JsonNode node) {
        if (node.isString()) {
            return node.stringValue();
        }
        return text && node.isValueNode() && !node.isNull() ? node.asString() : null;
    }

    /** The text of an envelope value for {@link ReadEvent}, when it is text. */
    private @Nullable String textOf(@Nullable JsonNode node) {
        return absent(node) ? null : scalarText(node);
    }

    /** Absent: not there, JSON null, or in text mode blank text. */
    private boolean absent(@Nullable JsonNode node) {
        return node == null
                || node.isNull()
                || node.isMissingNode()
                || (text && node.isString() && node.stringValue().isBlank());
    }

    private Object mismatch(String path, JsonNode node) {
        add(path, ValidationRule.TYPE_MISMATCH, shownValue(node));
        return UNREAD;
    }

    /** A value as the sender wrote it: text as it is, anything else as JSON. */
    private static String shownValue(JsonNode node) {
        return node.isString() ? node.stringValue() : node.toString();
    }

    private void add(String path, ValidationRule rule, @Nullable String value) {
        violations.add(new Violation(path, rule, value == null ? null : Offending.shown(value)));
    }

    private static IndexedRecord newRecord(Schema schema) {
        Object record = GENERATED.newRecord(null, schema);
        if (!(record instanceof SpecificRecord specific)) {
            throw new IllegalStateException("no generated class for record " + schema.getFullName());
        }
        return specific;
    }

    private static Schema optionalBranch(Schema union, String path) {
        List<Schema> branches = union.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .toList();
        if (branches.size() != 1 || !union.isNullable()) {
            throw unsupported(union, path);
        }
        return branches.get(0);
    }

    private static String logicalName(Schema schema, String path) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType == null) {
            return "";
        }
        String name = logicalType.getName();
        if (!name.equals("date") && !name.equals("timestamp-millis")) {
            throw unsupported(schema, path);
        }
        return name;
    }

    static IllegalStateException unsupported(Schema schema, String path) {
        return new IllegalStateException("the JSON form has no rule for " + schema + " (at " + path
                + "): add one to EventReading and EventWriting");
    }

    private static String kindOf(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    /** The path of a field the schema does not have: its name is the sender's, so it is masked and cut too. */
    static String unknown(String path, String name) {
        return join(path, Offending.shown(name));
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
