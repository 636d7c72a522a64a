package org.zhengce.registry.subjects;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Parses Avro schemas and gives them the canonical form the registry stores and compares.
 *
 * <p>Two schemas are the same schema when their canonical forms are equal. The canonical form is
 * Avro's own JSON rendering of the parsed schema ({@link Schema#toString()}), as in Confluent's
 * registry: whitespace and the order of a type's attributes do not matter, but docs, defaults,
 * aliases and custom properties do. Avro's Parsing Canonical Form would strip defaults, which
 * decide compatibility, so it is not used.
 */
final class AvroSchemas {

    /** A parsed schema and its canonical form. */
    record Parsed(Schema schema, String canonical) {}

    private final Map<String, Schema> stored = new ConcurrentHashMap<>();

    /**
     * @throws RegistryException with code 42201 when the request is not a valid, self-contained
     *     Avro schema
     */
    Parsed parse(SchemaRequest request) {
        String type = request.schemaType();
        if (type != null && !type.toUpperCase(Locale.ROOT).equals("AVRO")) {
            throw RegistryException.invalidSchema("schemaType " + type + " is not supported");
        }
        if (!request.references().isEmpty()) {
            throw RegistryException.invalidSchema("Schema references are not supported");
        }
        String text = request.schema();
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage());
        }
        return new Parsed(schema, schema.toString());
    }

    /** A schema already stored in canonical form, parsed once. */
    Schema stored(String canonical) {
        return stored.computeIfAbsent(canonical, text -> new Schema.Parser().parse(text));
    }
}
