package org.zhengce.schemas.catalogue;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/** Resolves a catalogue value-schema name to the Avro schema: a primitive, or a generated class's schema. */
final class ValueSchemas {

    private ValueSchemas() {}

    static Schema resolve(String name) {
        for (Schema.Type type : Schema.Type.values()) {
            if (isPrimitive(type) && type.getName().equals(name)) {
                return Schema.create(type);
            }
        }
        try {
            Class<?> generated = Class.forName(name, false, ValueSchemas.class.getClassLoader());
            return SpecificData.get().getSchema(generated);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "value schema " + name + " is neither an Avro primitive nor a generated schema class", e);
        }
    }

    private static boolean isPrimitive(Schema.Type type) {
        return switch (type) {
            case RECORD, ENUM, ARRAY, MAP, UNION, FIXED -> false;
            default -> true;
        };
    }
}
