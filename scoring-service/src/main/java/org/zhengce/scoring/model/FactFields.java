package org.zhengce.scoring.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.scoring.portrait.Fact;
import org.zhengce.scoring.portrait.Source;

/**
 * The fields a rule may name, by fact type: a portrait fact's record components (the event fact's fields, under the
 * same names) except {@code person} and {@code source}; and those of the derived {@code Member} fact.
 */
final class FactFields {

    /** The derived fact type of a household member with their age at the assessment's instant. */
    static final String MEMBER = "Member";

    /** What a field holds, for checking comparisons. */
    enum Kind {
        NUMBER,
        BOOLEAN,
        ENUM,
        TEXT,
        OTHER
    }

    record Field(String name, Kind kind, Class<?> type, RecordComponent component) {}

    /** A member as rules see them: {@code age} in whole years on the assessment's day. */
    record MemberFact(RelationToHead relationToHead, Sex sex, LocalDate birthDate, int age, Source source) {}

    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                String name = component.getName();
                if (!name.equals("person") && !name.equals("source")) {
                    fields.put(name, new Field(name, kind(component.getType()), component.getType(), component));
                }
            }
            return Collections.unmodifiableMap(fields);
        }
    };

    private FactFields() {}

    /** The record class that holds facts of a type, if the type is known. */
    static Optional<Class<? extends Record>> classOf(String factType) {
        if (factType.equals(MEMBER)) {
            return Optional.of(MemberFact.class);
        }
        Class<? extends Fact> type = Fact.typesByEvent().get(factType);
        return type == null ? Optional.empty() : Optional.of(type.asSubclass(Record.class));
    }

    static Map<String, Field> of(Class<?> recordClass) {
        return FIELDS.get(recordClass);
    }

    static @Nullable Object read(Record fact, String field) {
        Field f = FIELDS.get(fact.getClass()).get(field);
        if (f == null) {
            throw new IllegalArgumentException(fact.getClass().getSimpleName() + " has no field " + field);
        }
        try {
            return f.component().getAccessor().invoke(fact);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "cannot read " + field + " of " + fact.getClass().getSimpleName(), e);
        }
    }

    private static Kind kind(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return Kind.NUMBER;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (type.isEnum()) {
            return Kind.ENUM;
        }
        if (type == String.class) {
            return Kind.TEXT;
        }
        return Kind.OTHER;
    }
}
