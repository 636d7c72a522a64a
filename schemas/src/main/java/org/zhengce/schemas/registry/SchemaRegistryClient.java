package org.zhengce.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent schema-registry REST API that the Avro serde needs.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry answers with an error,
 * {@link SchemaNotFoundException} for its "not found" answers (404), and {@link
 * SchemaRegistryUnavailableException} when no registry URL can be reached (retryable).
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it already there) and returns its id. */
    int register(String subject, Schema schema);

    /**
     * Registers {@code schema} with its data {@code contract} under {@code subject} (or finds that version already
     * there) and returns its id. Without a contract the registry gives the version the subject's latest one (ADR 0025).
     * A client that keeps no contracts registers the schema alone.
     */
    default int register(String subject, Schema schema, DataContract contract) {
        return register(subject, schema);
    }

    /**
     * Returns the data contract of the version with {@code id} ({@link DataContract#NONE} when it has none), as the
     * registry answered it when the id was registered, looked up or read; asked once per id.
     */
    default DataContract contractById(int id) {
        return DataContract.NONE;
    }

    /** Returns the id of {@code schema} as already registered under {@code subject}. */
    int idOf(String subject, Schema schema);

    /** Returns the schema registered with {@code id}. */
    Schema schemaById(int id);

    /** Returns the newest version registered under {@code subject}; never cached. */
    RegisteredSchema latest(String subject);

    /** HTTP requests sent so far, failed attempts included; benchmarks use it to prove caching. */
    long httpRequestCount();
}
