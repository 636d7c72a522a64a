package org.zhengce.schemas.rules;

import com.google.protobuf.Timestamp;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;

/**
 * How an Avro value looks to a CEL expression, and back (ADR 0029). A record is a map of field name to value (so
 * {@code message.field} and {@code has(message.field)} work), an enum its symbol as a string, a union the value of its
 * branch, an array a list, a map a map; strings are strings, {@code int}/{@code long} CEL ints, {@code float}/{@code
 * double} doubles, bytes and fixed CEL bytes, {@code null} CEL's null. Logical types: {@code timestamp-millis}/{@code
 * -micros} are CEL timestamps, {@code date} the day number (int), {@code decimal} its plain decimal string. Back from
 * CEL, a map becomes a record of the schema (absent fields take their defaults), and each value the type the schema
 * and the record's data model ask for.
 */
final class AvroCel {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroCel() {}

    /** {@code value}, of {@code schema}, as CEL sees it. */
    static Object toCel(@Nullable Object value, Schema schema, GenericData data) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Schema.Field field : schema.getFields()) {
                    fields.put(
                            field.name(),
                            toCel(data.getField(record, field.name(), field.pos()), field.schema(), data));
                }
                yield fields;
            }
            case UNION -> toCel(value, schema.getTypes().get(data.resolveUnion(schema, value)), data);
            case ENUM, STRING -> value.toString();
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    items.add(toCel(item, schema.getElementType(), data));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                ((Map<?, ?>) value)
                        .forEach((key, item) -> entries.put(key.toString(), toCel(item, schema.getValueType(), data)));
                yield entries;
            }
            case BYTES, FIXED -> bytesToCel(value, schema);
            case INT -> value instanceof LocalDate date ? date.toEpochDay() : ((Number) value).longValue();
            case LONG -> longToCel(value, schema.getLogicalType());
            case FLOAT, DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> value;
            case NULL -> NullValue.NULL_VALUE;
        };
    }

    /** The Avro value of {@code schema} for the CEL result {@code value}, in the data model of {@code data}. */
    static @Nullable Object fromCel(@Nullable Object value, Schema schema, GenericData data) {
        if (value == null || value instanceof NullValue || value instanceof com.google.protobuf.NullValue) {
            return null;
        }
        return switch (schema.getType()) {
            case RECORD -> {
                Map<?, ?> fields = asMap(value, schema);
                IndexedRecord record = (IndexedRecord) data.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    Object fieldValue = fields.containsKey(field.name())
                            ? fromCel(fields.get(field.name()), field.schema(), data)
                            : data.getDefaultValue(field);
                    data.setField(record, field.name(), field.pos(), fieldValue);
                }
                yield record;
            }
            case UNION -> fromCel(value, branchFor(value, schema), data);
            case ENUM -> data.createEnum(value.toString(), schema);
            case STRING -> value.toString();
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    items.add(fromCel(item, schema.getElementType(), data));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                ((Map<?, ?>) value)
                        .forEach(
                                (key, item) -> entries.put(key.toString(), fromCel(item, schema.getValueType(), data)));
                yield entries;
            }
            case BYTES, FIXED -> bytesFromCel(value, schema, data);
            case INT -> {
                int day = ((Number) value).intValue();
                yield schema.getLogicalType() instanceof LogicalTypes.Date && conversion(data, schema) != null
                        ? LocalDate.ofEpochDay(day)
                        : day;
            }
            case LONG -> longFromCel(value, schema, data);
            case FLOAT -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> value;
            case NULL -> null;
        };
    }

    private static Object bytesToCel(Object value, Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            BigDecimal number = value instanceof BigDecimal given
                    ? given
                    : value instanceof ByteBuffer buffer
                            ? DECIMALS.fromBytes(buffer.duplicate(), schema, decimal)
                            : DECIMALS.fromFixed((GenericFixed) value, schema, decimal);
            return number.toPlainString();
        }
        byte[] bytes;
        if (value instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else if (value instanceof GenericFixed fixed) {
            bytes = fixed.bytes().clone();
        } else {
            bytes = ((byte[]) value).clone();
        }
        return CelByteString.of(bytes);
    }

    private static Object bytesFromCel(Object value, Schema schema, GenericData data) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            BigDecimal number = new BigDecimal(value.toString()).setScale(decimal.getScale());
            if (conversion(data, schema) != null) {
                return number;
            }
            return schema.getType() == Schema.Type.FIXED
                    ? DECIMALS.toFixed(number, schema, decimal)
                    : DECIMALS.toBytes(number, schema, decimal);
        }
        byte[] bytes = value instanceof CelByteString celBytes
                ? celBytes.toByteArray()
                : value instanceof com.google.protobuf.ByteString protoBytes
                        ? protoBytes.toByteArray()
                        : (byte[]) value;
        return schema.getType() == Schema.Type.FIXED ? data.createFixed(null, bytes, schema) : ByteBuffer.wrap(bytes);
    }

    private static Object longToCel(Object value, @Nullable LogicalType logicalType) {
        if (value instanceof Instant instant) {
            return instant;
        }
        long number = ((Number) value).longValue();
        if (logicalType instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(number);
        }
        if (logicalType instanceof LogicalTypes.TimestampMicros) {
            return Instant.EPOCH.plus(number, ChronoUnit.MICROS);
        }
        return number;
    }

    private static Object longFromCel(Object value, Schema schema, GenericData data) {
        LogicalType logicalType = schema.getLogicalType();
        boolean timestamp = logicalType instanceof LogicalTypes.TimestampMillis
                || logicalType instanceof LogicalTypes.TimestampMicros;
        if (!timestamp) {
            return ((Number) value).longValue();
        }
        Instant instant = value instanceof Instant given
                ? given
                : value instanceof Timestamp proto ? Instant.ofEpochSecond(proto.getSeconds(), proto.getNanos()) : null;
        if (instant == null) {
            return ((Number) value).longValue();
        }
        if (conversion(data, schema) != null) {
            return instant;
        }
        return logicalType instanceof LogicalTypes.TimestampMillis
                ? instant.toEpochMilli()
                : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static @Nullable Conversion<?> conversion(GenericData data, Schema schema) {
        return data.getConversionFor(schema.getLogicalType());
    }

    private static Map<?, ?> asMap(Object value, Schema schema) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("a " + schema.getFullName() + " must be a map, not a " + typeOf(value));
    }

    /** The union branch a CEL result belongs to: null, a record by its field names, else the first that fits. */
    private static Schema branchFor(Object value, Schema union) {
        for (Schema branch : union.getTypes()) {
            if (fits(value, branch)) {
                return branch;
            }
        }
        throw new IllegalArgumentException("a " + typeOf(value) + " fits no branch of " + union);
    }

    private static boolean fits(Object value, Schema branch) {
        return switch (branch.getType()) {
            case RECORD ->
                value instanceof Map<?, ?> map
                        && branch.getFields().stream()
                                .allMatch(field -> map.containsKey(field.name()) || field.hasDefaultValue())
                        && map.keySet().stream().allMatch(key -> branch.getField(key.toString()) != null);
            case MAP -> value instanceof Map<?, ?>;
            case ARRAY -> value instanceof Collection<?>;
            case ENUM -> value instanceof String symbol && branch.hasEnumSymbol(symbol);
            case STRING -> value instanceof String;
            case BYTES, FIXED ->
                value instanceof CelByteString
                        || value instanceof byte[]
                        || (value instanceof String && branch.getLogicalType() instanceof LogicalTypes.Decimal);
            case INT, LONG ->
                value instanceof Long
                        || value instanceof Integer
                        || value instanceof Instant
                        || value instanceof Timestamp;
            case FLOAT, DOUBLE -> value instanceof Double || value instanceof Float;
            case BOOLEAN -> value instanceof Boolean;
            case NULL -> false;
            case UNION -> false;
        };
    }

    private static String typeOf(Object value) {
        return value.getClass().getSimpleName();
    }
}
