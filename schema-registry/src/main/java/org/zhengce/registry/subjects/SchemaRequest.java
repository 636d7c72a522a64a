package org.zhengce.registry.subjects;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A schema sent to be registered, looked up or checked. {@code id} and {@code version} are set
 * only when importing; {@code references} must be empty (Avro schemas stand alone here); {@code
 * metadata} and {@code ruleSet} are the version's own data contract (canonical JSON, see {@link
 * DataContracts}), {@code null} when not given.
 */
public record SchemaRequest(
        @Nullable String schema,
        @Nullable String schemaType,
        List<?> references,
        @Nullable Integer id,
        @Nullable Integer version,
        @Nullable String metadata,
        @Nullable String ruleSet) {

    public SchemaRequest {
        references = List.copyOf(references);
    }

    public SchemaRequest(
            @Nullable String schema,
            @Nullable String schemaType,
            List<?> references,
            @Nullable Integer id,
            @Nullable Integer version) {
        this(schema, schemaType, references, id, version, null, null);
    }

    public static SchemaRequest of(String schema) {
        return new SchemaRequest(schema, null, List.of(), null, null);
    }

    boolean importing() {
        return (id != null && id > 0) || (version != null && version > 0);
    }
}
