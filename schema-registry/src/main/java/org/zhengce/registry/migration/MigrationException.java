package org.zhengce.registry.migration;

/** An export or import that cannot go on: what failed, with the registry's own error code and message. */
public final class MigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MigrationException(String message) {
        super(message);
    }

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
