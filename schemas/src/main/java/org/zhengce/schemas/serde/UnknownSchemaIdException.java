package org.zhengce.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.zhengce.schemas.registry.SchemaNotFoundException;

/** The payload names a schema id the registry does not know (it answered 40403). */
public class UnknownSchemaIdException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, SchemaNotFoundException cause) {
        super("schema id " + schemaId + " is unknown to the schema registry: " + cause.getMessage(), cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
