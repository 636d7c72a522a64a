package org.zhengce.kit.tracing;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * An event's W3C {@code traceparent} ({@code 00-<trace id>-<parent span id>-<flags>}) on its way through the platform
 * (ADR 0023). Kafka records carry it in the {@code traceparent} header, as Micrometer Tracing's Kafka instrumentation
 * reads and writes it; an outbox row or a ledger row keeps it until the relay sends the record; a write learns it from
 * the Reactor context ({@link #in}), so the code between a listener and an outbox need not pass it along.
 */
public final class TraceParent {

    /** The record header, as W3C trace context propagation names it. */
    public static final String HEADER = "traceparent";

    private static final String CONTEXT_KEY = TraceParent.class.getName();
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceParent() {}

    /** Whether {@code value} is a well-formed traceparent (a malformed one is dropped, never passed on). */
    public static boolean valid(@Nullable String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** The traceparent the headers carry (the last one, as a tracer reads it), or null when none or malformed. */
    public static @Nullable String of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.US_ASCII);
        return valid(value) ? value : null;
    }

    /**
     * Each record's trace by its value (the same instance), from the records' {@code traceparent} headers: for a batch
     * listener that hands the values on, so that each value's work runs in its own record's trace.
     */
    public static <V> Function<V, @Nullable String> byValue(List<? extends ConsumerRecord<?, V>> records) {
        Map<V, String> traces = new IdentityHashMap<>();
        for (ConsumerRecord<?, V> record : records) {
            String traceparent = of(record.headers());
            if (traceparent != null) {
                traces.put(record.value(), traceparent);
            }
        }
        return traces::get;
    }

    /** Adds {@code traceparent} to {@code headers}, replacing one there; nothing when it is null or malformed. */
    public static void put(Headers headers, @Nullable String traceparent) {
        if (valid(traceparent)) {
            headers.remove(HEADER);
            headers.add(HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The trace id of a well-formed {@code traceparent}. */
    public static String traceId(String traceparent) {
        if (!valid(traceparent)) {
            throw new IllegalArgumentException("not a traceparent");
        }
        return traceparent.substring(3, 35);
    }

    /** A Reactor context holding {@code traceparent} for the writes downstream ({@code contextWrite}); unchanged when null. */
    public static Context in(Context context, @Nullable String traceparent) {
        return valid(traceparent) ? context.put(CONTEXT_KEY, traceparent) : context;
    }

    /** The traceparent a write was given through the Reactor context, if any. */
    public static Optional<String> from(ContextView context) {
        return context.getOrEmpty(CONTEXT_KEY);
    }
}
