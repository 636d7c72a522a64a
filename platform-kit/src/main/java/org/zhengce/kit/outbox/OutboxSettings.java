package org.zhengce.kit.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The outbox relay's settings, bound from the service's own prefix ({@code notification.outbox}).
 *
 * @param relayInterval pause between two relay passes
 * @param batchSize most rows relayed in one pass
 * @param claimTimeout a row claimed this long ago and not marked sent may have reached Kafka before a crash: it
 *     is looked for on its topic before it is sent again; must be longer than {@code sendTimeout}
 * @param sendTimeout how long a pass waits for Kafka to acknowledge its records
 * @param maxRetryDelay the longest wait before a record whose send failed for a transient reason is tried again (the
 *     wait starts at {@code claimTimeout} and doubles with each failure up to this); optional, 10 minutes
 */
public record OutboxSettings(
        Duration relayInterval, int batchSize, Duration claimTimeout, Duration sendTimeout, Duration maxRetryDelay) {

    /** The default longest wait between two tries of a record that failed for a transient reason. */
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(10);

    /** Settings with the default {@link #maxRetryDelay}. */
    public OutboxSettings(Duration relayInterval, int batchSize, Duration claimTimeout, Duration sendTimeout) {
        this(relayInterval, batchSize, claimTimeout, sendTimeout, DEFAULT_MAX_RETRY_DELAY);
    }

    public OutboxSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the outbox batch-size must be positive, found " + batchSize);
        }
        if (claimTimeout.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("the outbox claim-timeout (" + claimTimeout
                    + ") must be longer than its send-timeout (" + sendTimeout + ")");
        }
        if (maxRetryDelay.compareTo(claimTimeout) < 0) {
            throw new IllegalArgumentException("the outbox max-retry-delay (" + maxRetryDelay
                    + ") must not be shorter than its claim-timeout (" + claimTimeout + ")");
        }
    }

    /**
     * The settings under {@code prefix}, each required but {@code max-retry-delay}.
     *
     * @throws IllegalStateException naming the prefix and the setting when one is missing or wrong
     */
    public static OutboxSettings bind(Binder binder, String prefix) {
        try {
            return new OutboxSettings(
                    required(binder, prefix, "relay-interval"),
                    binder.bind(prefix + ".batch-size", Integer.class).orElseThrow(() -> missing(prefix, "batch-size")),
                    required(binder, prefix, "claim-timeout"),
                    required(binder, prefix, "send-timeout"),
                    binder.bind(prefix + ".max-retry-delay", Duration.class).orElse(DEFAULT_MAX_RETRY_DELAY));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
        }
    }

    private static Duration required(Binder binder, String prefix, String name) {
        return binder.bind(prefix + "." + name, Duration.class).orElseThrow(() -> missing(prefix, name));
    }

    private static IllegalStateException missing(String prefix, String name) {
        return new IllegalStateException(prefix + "." + name + " is not set");
    }
}
