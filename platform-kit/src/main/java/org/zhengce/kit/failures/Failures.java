package org.zhengce.kit.failures;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.zhengce.schemas.registry.SchemaRegistryException;

/**
 * Whether a failure is transient: something the infrastructure will get over (retry with back-off, never reject or
 * set aside the record for it), or permanent (the record itself, or a bug: retrying changes nothing). Transient are,
 * anywhere in the cause chain: a time-out ({@link TimeoutException}, socket and HTTP time-outs), a refused or
 * unroutable connection, Kafka's retriable errors (the registry unreachable included), the schema registry answering
 * 5xx, and the database unavailable (Spring's transient and resource-failure exceptions, R2DBC's transient and
 * resource exceptions). Everything else is permanent.
 */
public final class Failures {

    private static final int MAX_REASON = 500;

    private Failures() {}

    /** Whether {@code failure} (or one of its causes) is transient. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (transientItself(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure} is permanent: not {@linkplain #isTransient transient}. */
    public static boolean isPermanent(Throwable failure) {
        return !isTransient(failure);
    }

    /**
     * The failure in one line for a header, a column or a log: the outermost and the root cause (class and message),
     * at most 500 characters. Callers mask identity numbers where the text leaves the service.
     */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        String text = root == failure ? describe(failure) : describe(failure) + " (cause: " + describe(root) + ")";
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private static boolean transientItself(Throwable cause) {
        if (cause instanceof SchemaRegistryException registry) {
            return registry.httpStatus() >= 500 || registry.httpStatus() == 429;
        }
        return cause instanceof TimeoutException
                || cause instanceof SocketTimeoutException
                || cause instanceof HttpTimeoutException
                || cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException
                || cause instanceof RetriableException
                || cause instanceof TransientDataAccessException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof RecoverableDataAccessException
                || cause instanceof QueryTimeoutException
                || r2dbcUnavailable(cause);
    }

    /**
     * R2DBC's transient exceptions and its resource exceptions (a closed or refused connection), by name: the kit
     * does not bring the R2DBC API to a service without a database.
     */
    private static boolean r2dbcUnavailable(Throwable cause) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            String name = type.getName();
            if (name.equals("io.r2dbc.spi.R2dbcTransientException")
                    || name.equals("io.r2dbc.spi.R2dbcNonTransientResourceException")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static @Nullable Throwable next(Throwable cause) {
        Throwable next = cause.getCause();
        return next == cause ? null : next;
    }
}
