package org.zhengce.schemas.registry;

import org.apache.kafka.common.errors.RetriableException;

/**
 * No registry URL could be reached. Retryable: the record is fine, the registry is not, so error
 * handlers must retry rather than dead-letter it.
 */
public class SchemaRegistryUnavailableException extends RetriableException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
