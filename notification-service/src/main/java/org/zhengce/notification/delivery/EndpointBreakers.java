package org.zhengce.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;

/**
 * One Resilience4j circuit breaker per webhook endpoint, on the service's clock: an endpoint that keeps failing is
 * left alone for a while (its deliveries wait, no attempt counted) instead of being hammered by every retry.
 */
final class EndpointBreakers {

    private final CircuitBreakerRegistry registry;

    EndpointBreakers(DeliverySettings.Breaker settings, Clock clock) {
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumCalls())
                .slidingWindow(
                        settings.window(), settings.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
    }

    CircuitBreaker of(String endpointId) {
        return registry.circuitBreaker("webhook-" + endpointId);
    }
}
