package org.zhengce.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The payload ends too early: shorter than the 5-byte header, or the Avro body runs past its end. */
public class TruncatedPayloadException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public TruncatedPayloadException(String message) {
        super(message);
    }

    public TruncatedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
