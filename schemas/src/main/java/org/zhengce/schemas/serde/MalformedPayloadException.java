package org.zhengce.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The Avro body cannot be decoded with its writer schema (or resolved to the reader schema). */
public class MalformedPayloadException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
