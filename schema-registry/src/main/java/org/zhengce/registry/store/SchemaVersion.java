package org.zhengce.registry.store;

/**
 * One version of a subject as the store keeps it: its global schema id, the schema in canonical
 * form, and whether it has been soft-deleted.
 */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

    public SchemaVersion markedDeleted() {
        return new SchemaVersion(subject, version, id, schema, true);
    }
}
