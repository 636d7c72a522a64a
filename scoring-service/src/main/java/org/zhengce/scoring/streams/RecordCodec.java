package org.zhengce.scoring.streams;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.jspecify.annotations.Nullable;

/**
 * Avro binary for Java records: the schema is declared from the record's components, in their order, and values are
 * written with Avro's {@link Encoder} and read with its {@link Decoder} under that schema (no generated classes). Times
 * are epoch-millisecond longs, days epoch-day ints, enums Avro enums of the Java constants, lists arrays, enum-keyed
 * maps Avro maps; a component annotated {@code @Nullable} is a union with null. Components named {@code person} or
 * {@code eventType} are written as their position in the record's table of names ({@link Names}, -1 for null): a
 * member's pseudonym and an event type are written once per household, not once per fact.
 */
final class RecordCodec<T> {

    /** The names a household's record refers to by position: persons and event types, each once. */
    static final class Names {
        private final List<String> byPosition = new ArrayList<>();
        private final Map<String, Integer> positions = new HashMap<>();

        Names() {}

        Names(List<String> names) {
            names.forEach(this::positionOf);
        }

        int positionOf(@Nullable String name) {
            if (name == null) {
                return -1;
            }
            Integer known = positions.get(name);
            if (known != null) {
                return known;
            }
            byPosition.add(name);
            positions.put(name, byPosition.size() - 1);
            return byPosition.size() - 1;
        }

        @Nullable
        String at(int position) {
            if (position == -1) {
                return null;
            }
            if (position < 0 || position >= byPosition.size()) {
                throw new IllegalStateException(
                        "name position " + position + " outside a table of " + byPosition.size());
            }
            return byPosition.get(position);
        }

        List<String> all() {
            return List.copyOf(byPosition);
        }
    }

    private interface Field {
        Schema schema();

        void write(@Nullable Object value, Encoder out, Names names) throws IOException;

        @Nullable
        Object read(Decoder in, Names names) throws IOException;
    }

    private final Field root;

    private RecordCodec(Field root) {
        this.root = root;
    }

    /** The codec of a record class, its schema in {@code namespace}. */
    static <T extends Record> RecordCodec<T> of(Class<T> type, String namespace) {
        return new RecordCodec<>(new Builder(namespace).record(type));
    }

    Schema schema() {
        return root.schema();
    }

    void write(T value, Encoder out, Names names) throws IOException {
        root.write(value, out, names);
    }

    @SuppressWarnings("unchecked")
    T read(Decoder in, Names names) throws IOException {
        return (T) root.read(in, names);
    }

    /** Declares each record class once (Avro names a record once per schema). */
    private static final class Builder {
        private final String namespace;
        private final Map<Class<?>, RecordField> records = new LinkedHashMap<>();

        Builder(String namespace) {
            this.namespace = namespace;
        }

        Field record(Class<?> type) {
            RecordField known = records.get(type);
            if (known != null) {
                return known;
            }
            RecordField field = new RecordField(type, namespace);
            records.put(type, field);
            field.declare(this);
            return field;
        }

        Field of(RecordComponent component) {
            boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            String name = component.getName();
            if (component.getType() == String.class && (name.equals("person") || name.equals("eventType"))) {
                return NAME;
            }
            Field field = of(component.getGenericType());
            return nullable ? new NullableField(field) : field;
        }

        Field of(Type type) {
            if (type == int.class || type == Integer.class) {
                return INT;
            }
            if (type == long.class || type == Long.class) {
                return LONG;
            }
            if (type == boolean.class || type == Boolean.class) {
                return BOOLEAN;
            }
            if (type == String.class) {
                return STRING;
            }
            if (type == Instant.class) {
                return INSTANT;
            }
            if (type == LocalDate.class) {
                return DAY;
            }
            if (type instanceof Class<?> c && c.isEnum()) {
                return new EnumField(c, namespace);
            }
            if (type instanceof Class<?> c && c.isRecord()) {
                return record(c);
            }
            if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
                return new ListField(of(p.getActualTypeArguments()[0]));
            }
            if (type instanceof ParameterizedType p
                    && p.getRawType() == Map.class
                    && p.getActualTypeArguments()[0] instanceof Class<?> keys
                    && keys.isEnum()) {
                return new EnumMapField(keys, of(p.getActualTypeArguments()[1]));
            }
            throw new IllegalArgumentException("no Avro form for " + type);
        }
    }

    private static final Field INT = new Field() {
        public Schema schema() {
            return Schema.create(Schema.Type.INT);
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeInt((Integer) value);
        }

        public Object read(Decoder in, Names names) throws IOException {
            return in.readInt();
        }
    };

    private static final Field LONG = new Field() {
        public Schema schema() {
            return Schema.create(Schema.Type.LONG);
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeLong((Long) value);
        }

        public Object read(Decoder in, Names names) throws IOException {
            return in.readLong();
        }
    };

    private static final Field BOOLEAN = new Field() {
        public Schema schema() {
            return Schema.create(Schema.Type.BOOLEAN);
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeBoolean((Boolean) value);
        }

        public Object read(Decoder in, Names names) throws IOException {
            return in.readBoolean();
        }
    };

    private static final Field STRING = new Field() {
        public Schema schema() {
            return Schema.create(Schema.Type.STRING);
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeString((String) value);
        }

        public Object read(Decoder in, Names names) throws IOException {
            return in.readString();
        }
    };

    private static final Field INSTANT = new Field() {
        public Schema schema() {
            return org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeLong(((Instant) value).toEpochMilli());
        }

        public Object read(Decoder in, Names names) throws IOException {
            return Instant.ofEpochMilli(in.readLong());
        }
    };

    private static final Field DAY = new Field() {
        public Schema schema() {
            return org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeInt((int) ((LocalDate) value).toEpochDay());
        }

        public Object read(Decoder in, Names names) throws IOException {
            return LocalDate.ofEpochDay(in.readInt());
        }
    };

    /** A person or an event type: its position in the household's names, -1 for none. */
    private static final Field NAME = new Field() {
        public Schema schema() {
            return Schema.create(Schema.Type.INT);
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeInt(names.positionOf((String) value));
        }

        public @Nullable Object read(Decoder in, Names names) throws IOException {
            return names.at(in.readInt());
        }
    };

    private record NullableField(Field value) implements Field {
        public Schema schema() {
            return Schema.createUnion(Schema.create(Schema.Type.NULL), value.schema());
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            if (value == null) {
                out.writeIndex(0);
                out.writeNull();
            } else {
                out.writeIndex(1);
                this.value.write(value, out, names);
            }
        }

        public @Nullable Object read(Decoder in, Names names) throws IOException {
            int branch = in.readIndex();
            if (branch == 0) {
                in.readNull();
                return null;
            }
            return value.read(in, names);
        }
    }

    private record EnumField(Class<?> type, Object[] constants, String namespace) implements Field {
        EnumField(Class<?> type, String namespace) {
            this(type, type.getEnumConstants(), namespace);
        }

        public Schema schema() {
            List<String> symbols =
                    Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList();
            return Schema.createEnum(type.getSimpleName(), null, namespace, symbols);
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            out.writeEnum(((Enum<?>) value).ordinal());
        }

        public Object read(Decoder in, Names names) throws IOException {
            return constants[in.readEnum()];
        }
    }

    private record ListField(Field item) implements Field {
        public Schema schema() {
            return Schema.createArray(item.schema());
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            List<?> items = (List<?>) value;
            out.writeArrayStart();
            out.setItemCount(items.size());
            for (Object each : items) {
                out.startItem();
                item.write(each, out, names);
            }
            out.writeArrayEnd();
        }

        public Object read(Decoder in, Names names) throws IOException {
            List<Object> items = new ArrayList<>();
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    items.add(item.read(in, names));
                }
            }
            return items;
        }
    }

    private record EnumMapField(Class<?> keys, Field value) implements Field {
        public Schema schema() {
            return Schema.createMap(value.schema());
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            Map<?, ?> entries = (Map<?, ?>) value;
            out.writeMapStart();
            out.setItemCount(entries.size());
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                out.startItem();
                out.writeString(((Enum<?>) entry.getKey()).name());
                this.value.write(entry.getValue(), out, names);
            }
            out.writeMapEnd();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object read(Decoder in, Names names) throws IOException {
            Map entries = new EnumMap(keys);
            for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
                for (long i = 0; i < n; i++) {
                    String key = in.readString();
                    entries.put(Enum.valueOf((Class) keys, key), value.read(in, names));
                }
            }
            return entries;
        }
    }

    /**
     * A record: its components' accessors and its canonical constructor as method handles, resolved once (a household's
     * record is read and written on every event: reflective calls checked access and boxed their arguments each time).
     */
    private static final class RecordField implements Field {
        private final Class<?> type;
        private final String namespace;
        private MethodHandle[] accessors;
        private Field[] fields;
        private MethodHandle constructor;
        private @Nullable Schema schema;

        RecordField(Class<?> type, String namespace) {
            this.type = type;
            this.namespace = namespace;
        }

        void declare(Builder builder) {
            RecordComponent[] components = type.getRecordComponents();
            accessors = new MethodHandle[components.length];
            fields = new Field[components.length];
            Class<?>[] types = new Class<?>[components.length];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    accessors[i] = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
                    types[i] = components[i].getType();
                }
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                constructor = lookup.unreflectConstructor(canonical)
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record " + type + " without its canonical constructor", e);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("record " + type + " cannot be read or built here", e);
            }
            for (int i = 0; i < components.length; i++) {
                fields[i] = builder.of(components[i]);
            }
        }

        public Schema schema() {
            if (schema != null) {
                return schema;
            }
            schema = Schema.createRecord(name(), null, namespace, false);
            RecordComponent[] components = type.getRecordComponents();
            List<Schema.Field> declared = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                String doc = fields[i] == NAME ? "position in the household's names; -1: none" : null;
                declared.add(new Schema.Field(components[i].getName(), fields[i].schema(), doc));
            }
            schema.setFields(declared);
            return schema;
        }

        private String name() {
            // nested records by their outer and own names: Health.Admission is HealthAdmission
            Class<?> outer = type.getEnclosingClass();
            return outer == null || !outer.isRecord()
                    ? type.getSimpleName()
                    : outer.getSimpleName() + type.getSimpleName();
        }

        public void write(@Nullable Object value, Encoder out, Names names) throws IOException {
            for (int i = 0; i < fields.length; i++) {
                Object component;
                try {
                    component = (Object) accessors[i].invokeExact(value);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot read " + type.getSimpleName(), e);
                }
                fields[i].write(component, out, names);
            }
        }

        public Object read(Decoder in, Names names) throws IOException {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = fields[i].read(in, names);
            }
            try {
                return (Object) constructor.invokeExact(values);
            } catch (RuntimeException | Error e) {
                // a compact constructor's check fails as it did through reflection, wrapped in an IllegalStateException
                throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e, e);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
            }
        }
    }
}
