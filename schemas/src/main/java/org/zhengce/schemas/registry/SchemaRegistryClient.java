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

    /** Returns the id of {@code schema} as already registered under {@code subject}. */
    int idOf(String subject, Schema schema);

    /** Returns the schema registered with {@code id}. */
    Schema schemaById(int id);

    /** Returns the newest version registered under {@code subject}; never cached. */
    RegisteredSchema latest(String subject);

    /** HTTP requests sent so far, failed attempts included; benchmarks use it to prove caching. */
    long httpRequestCount();
}
