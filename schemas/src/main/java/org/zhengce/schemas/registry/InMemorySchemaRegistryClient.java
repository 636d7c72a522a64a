package org.zhengce.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for tests that need the wire format without a registry server (Kafka Streams'
 * {@code TopologyTestDriver}, say): ids global and stable for the instance's life, the same schema under the same
 * subject registered once. No compatibility checks; use the real registry for those.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Integer, DataContract> contractById = new HashMap<>();
    private final Map<String, Integer> idByCanonicalForm = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        return register(subject, schema, DataContract.NONE);
    }

    /**
     * Registers {@code schema} with {@code contract}: the same schema with another contract is another id. Without a
     * contract the version takes the subject's latest one, as the registry does (ADR 0025).
     */
    @Override
    public synchronized int register(String subject, Schema schema, DataContract contract) {
        List<Integer> existing = versionsBySubject.getOrDefault(subject, List.of());
        DataContract kept = contract.isEmpty() && !existing.isEmpty()
                ? contractById.get(existing.get(existing.size() - 1))
                : contract;
        String identity = kept.isEmpty() ? schema.toString() : schema + "\n" + kept.toJson();
        int id = idByCanonicalForm.computeIfAbsent(identity, text -> {
            int next = byId.size() + 1;
            byId.put(next, schema);
            contractById.put(next, kept);
            return next;
        });
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        for (int index = versions.size() - 1; index >= 0; index--) {
            if (byId.get(versions.get(index)).toString().equals(schema.toString())) {
                return versions.get(index);
            }
        }
        throw new SchemaNotFoundException(40401, "schema not registered under " + subject);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(40403, "no schema with id " + id);
        }
        return schema;
    }

    @Override
    public synchronized DataContract contractById(int id) {
        schemaById(id);
        return contractById.get(id);
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException(40401, "subject " + subject + " not found");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), id, byId.get(id));
    }

    @Override
    public long httpRequestCount() {
        return 0;
    }
}
