package org.zhengce.intake.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Intake's meters. {@code intake.events} counts every outcome by department, event type, channel, outcome and (for
 * rejections) the first rule broken; {@code intake.events.rejections} counts every rule broken, so an event with
 * three errors counts once in the first and three times in the second; {@code intake.batch.latency} times a batch
 * from receipt to its answer.
 */
final class IntakeMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void outcome(String department, @Nullable String eventType, Channel channel, String outcome, String reason) {
        String type = eventType == null ? "unknown" : eventType;
        counters.computeIfAbsent(
                        String.join("|", "o", department, type, channel.tag(), outcome, reason),
                        k -> Counter.builder("intake.events")
                                .description("Department events received, by outcome")
                                .tag("department", department)
                                .tag("type", type)
                                .tag("channel", channel.tag())
                                .tag("outcome", outcome)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }

    void ruleBroken(String department, String rule) {
        counters.computeIfAbsent(
                        String.join("|", "r", department, rule),
                        k -> Counter.builder("intake.events.rejections")
                                .description("Rules broken by rejected events (one event may break several)")
                                .tag("department", department)
                                .tag("rule", rule)
                                .register(registry))
                .increment();
    }

    /** Free-text fields of accepted events in which an identity number was masked before publishing. */
    void identityNumbersMasked(String department, int fields) {
        if (fields == 0) {
            return;
        }
        counters.computeIfAbsent(
                        String.join("|", "m", department),
                        k -> Counter.builder("intake.identity.numbers.masked")
                                .description("Free-text fields of accepted events that held an identity number, masked"
                                        + " before publishing (the department is told which)")
                                .tag("department", department)
                                .register(registry))
                .increment(fields);
    }

    void batch(String department, Channel channel, Duration took) {
        timers.computeIfAbsent(
                        department + "|" + channel.tag(),
                        k -> Timer.builder("intake.batch.latency")
                                .description("From receiving a batch of events to answering it")
                                .tag("department", department)
                                .tag("channel", channel.tag())
                                .publishPercentiles(0.5, 0.99)
                                .register(registry))
                .record(took);
    }
}
