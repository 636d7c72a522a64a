package org.zhengce.registry.store;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One version of a subject as the store keeps it: its global schema id, the schema in canonical
 * form, its data contract ({@code metadata} and {@code ruleSet}, each canonical JSON or {@code
 * null}), and whether it has been soft-deleted.
 */
public record SchemaVersion(
        String subject,
        int version,
        int id,
        String schema,
        boolean deleted,
        @Nullable String metadata,
        @Nullable String ruleSet) {

    public SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {
        this(subject, version, id, schema, deleted, null, null);
    }

    public SchemaVersion markedDeleted() {
        return new SchemaVersion(subject, version, id, schema, true, metadata, ruleSet);
    }

    /**
     * What makes two versions the same schema, as Confluent defines it: the schema and its data
     * contract. One identity has one global id.
     */
    public String identity() {
        return identity(schema, metadata, ruleSet);
    }

    public static String identity(String schema, @Nullable String metadata, @Nullable String ruleSet) {
        return schema + '\u0000' + (metadata == null ? "" : metadata) + '\u0000' + (ruleSet == null ? "" : ruleSet);
    }

    /** The schema's GUID: derived from its identity, so stable for its id and on every registry. */
    public String guid() {
        return UUID.nameUUIDFromBytes(identity().getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
