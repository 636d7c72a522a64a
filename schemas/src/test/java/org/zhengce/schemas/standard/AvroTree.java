package org.zhengce.schemas.standard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** Walks a schema: every named type it defines, and every field of every record, each once. */
final class AvroTree {

    /** A field with the record that declares it. */
    record Field(Schema record, Schema.Field field) {

        String path() {
            return record.getFullName() + "." + field.name();
        }
    }

    private AvroTree() {}

    /** Every record, enum and fixed reachable from {@code root}, by full name. */
    static Map<String, Schema> namedTypes(Schema root) {
        Map<String, Schema> named = new LinkedHashMap<>();
        collect(root, named);
        return named;
    }

    /** Every field of every record reachable from {@code root}. */
    static List<Field> fields(Schema root) {
        List<Field> fields = new ArrayList<>();
        for (Schema type : namedTypes(root).values()) {
            if (type.getType() == Schema.Type.RECORD) {
                type.getFields().forEach(field -> fields.add(new Field(type, field)));
            }
        }
        return fields;
    }

    private static void collect(Schema schema, Map<String, Schema> named) {
        switch (schema.getType()) {
            case RECORD -> {
                if (named.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> collect(field.schema(), named));
                }
            }
            case ENUM, FIXED -> named.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), named);
            case MAP -> collect(schema.getValueType(), named);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, named));
            default -> {}
        }
    }
}
