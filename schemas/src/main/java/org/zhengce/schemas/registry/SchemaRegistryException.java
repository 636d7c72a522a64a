package org.zhengce.schemas.registry;

import org.apache.kafka.common.KafkaException;

/**
 * The registry answered with an error. {@link #errorCode()} is the Confluent {@code error_code}
 * (for example 40401 subject not found, 40403 schema not found, 42201 invalid schema), or the HTTP
 * status when the body carried none.
 */
public class SchemaRegistryException extends KafkaException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super("schema registry answered " + httpStatus + " (error code " + errorCode + "): " + message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
