package org.zhengce.schemas.registry;

/** The registry answered 404: no such subject (40401), version (40402) or schema (40403). */
public class SchemaNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;

    public SchemaNotFoundException(int errorCode, String message) {
        super(404, errorCode, message);
    }
}
