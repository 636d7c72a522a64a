package org.zhengce.registry.subjects;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A schema sent to be registered, looked up or checked. {@code id} and {@code version} are set
 * only when importing; {@code references} must be empty (Avro schemas stand alone here).
 */
public record SchemaRequest(
        @Nullable String schema,
        @Nullable String schemaType,
        List<?> references,
        @Nullable Integer id,
        @Nullable Integer version) {

    public SchemaRequest {
        references = List.copyOf(references);
    }

    public static SchemaRequest of(String schema) {
        return new SchemaRequest(schema, null, List.of(), null, null);
    }

    boolean importing() {
        return (id != null && id > 0) || (version != null && version > 0);
    }
}
