package org.zhengce.notification.delivery;

import java.time.Duration;

/**
 * The wait after the {@code n}-th failed attempt: {@code base = min(max, initial * multiplier^(n-1))}, of which half
 * is fixed and half random ("equal jitter"), so that retries of many deliveries spread out but never come sooner
 * than half the base.
 */
record Backoff(Duration initial, double multiplier, Duration max) {

    Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException(
                    "notification.webhooks.initial-backoff must be positive, was " + initial);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException(
                    "notification.webhooks.multiplier must be at least 1, was " + multiplier);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("notification.webhooks.max-backoff (" + max
                    + ") must not be shorter than notification.webhooks.initial-backoff (" + initial + ")");
        }
    }

    /** The base wait after the {@code failedAttempts}-th failure (1 for the first), before jitter. */
    Duration base(int failedAttempts) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }

    /** @param random a number in [0, 1): 0 gives half the base, nearly 1 nearly the whole base */
    Duration delay(int failedAttempts, double random) {
        long base = base(failedAttempts).toMillis();
        return Duration.ofMillis(base / 2 + (long) ((base - base / 2) * random));
    }
}
