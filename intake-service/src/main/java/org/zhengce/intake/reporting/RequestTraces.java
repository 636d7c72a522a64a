package org.zhengce.intake.reporting;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The trace a department's HTTP request is in, as a W3C {@code traceparent} (ADR 0023): the request's server span,
 * which WebFlux's observation keeps in the Reactor context (a {@code traceparent} header the department sent is its
 * parent). Its events' records on {@code household.events} carry it on.
 */
@Component
class RequestTraces {

    private static final ContextSnapshotFactory SNAPSHOTS =
            ContextSnapshotFactory.builder().build();

    private final Tracer tracer;

    RequestTraces(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    /** The request's traceparent, or empty outside a trace (tracing off). */
    Mono<String> current() {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                return Mono.justOrEmpty(traceparent(tracer.currentSpan()));
            }
        });
    }

    static @Nullable String traceparent(@Nullable Span span) {
        if (span == null || span.isNoop()) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
