package org.zhengce.intake.reporting;

import java.time.Duration;

/** A department over its rate limit, or intake over its capacity: 429 with {@code Retry-After}. */
class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    RateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
