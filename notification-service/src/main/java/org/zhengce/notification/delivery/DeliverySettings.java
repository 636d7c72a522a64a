package org.zhengce.notification.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook delivery.
 *
 * @param initialBackoff wait after the first failed attempt (half fixed, half random)
 * @param multiplier growth of the wait per failed attempt
 * @param maxBackoff longest wait between two attempts
 * @param giveUpAfter after this long from the first attempt a failing delivery is reported failed and escalated
 * @param timeout one HTTP call at most
 * @param claimTimeout a delivery taken by a dispatcher and not recorded after this long (a crash) is sent again, with
 *     the same idempotency key; longer than {@code timeout}
 * @param batchSize most deliveries taken per tick
 * @param concurrency most HTTP calls in flight
 * @param circuitBreaker per endpoint
 */
@ConfigurationProperties("notification.webhooks")
@Validated
record DeliverySettings(
        @NotNull Duration initialBackoff,
        @DecimalMin("1.0") double multiplier,
        @NotNull Duration maxBackoff,
        @NotNull Duration giveUpAfter,
        @NotNull Duration timeout,
        @NotNull Duration claimTimeout,
        @Positive int batchSize,
        @Positive int concurrency,
        @NotNull @Valid Breaker circuitBreaker) {

    DeliverySettings {
        if (timeout != null && claimTimeout != null && claimTimeout.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("notification.webhooks.claim-timeout (" + claimTimeout
                    + ") must be longer than notification.webhooks.timeout (" + timeout + ")");
        }
    }

    Backoff backoff() {
        return new Backoff(initialBackoff, multiplier, maxBackoff);
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param minimumCalls calls before the rate counts
     * @param window calls in the sliding window
     * @param openFor how long an open breaker refuses calls before letting a few through
     */
    record Breaker(
            @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
            @Positive int minimumCalls,
            @Positive int window,
            @NotNull Duration openFor) {}
}
