package org.zhengce.notification.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The service's meters: {@code notification.alerts.raised} (by kind), {@code notification.deliveries} (by channel
 * and outcome: delivered, retried, failed), {@code notification.delivery.latency} (raised to delivered, by channel),
 * {@code notification.acknowledgement.time} and {@code notification.escalations} (by reason). Counted after the
 * commit.
 */
@Component
public class AlertMetrics {

    private final MeterRegistry registry;

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void raised(AlertKind kind) {
        Counter.builder("notification.alerts.raised")
                .description("alerts raised")
                .tag("kind", kind.name())
                .register(registry)
                .increment();
    }

    public void delivered(String channel, Duration sinceRaised) {
        deliveries(channel, "delivered");
        Timer.builder("notification.delivery.latency")
                .description("from an alert raised to delivered on a channel")
                .tag("channel", channel)
                .publishPercentileHistogram()
                .register(registry)
                .record(sinceRaised.isNegative() ? Duration.ZERO : sinceRaised);
    }

    public void retried(String channel) {
        deliveries(channel, "retried");
    }

    public void failed(String channel) {
        deliveries(channel, "failed");
    }

    void acknowledged(Duration sinceRaised) {
        Timer.builder("notification.acknowledgement.time")
                .description("from an alert raised to acknowledged")
                .register(registry)
                .record(sinceRaised.isNegative() ? Duration.ZERO : sinceRaised);
    }

    void escalated(String reason) {
        Counter.builder("notification.escalations")
                .description("alerts escalated to a supervisor")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private void deliveries(String channel, String outcome) {
        Counter.builder("notification.deliveries")
                .description("delivery attempts by outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
