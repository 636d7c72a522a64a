package org.zhengce.registry.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Times every request as {@code registry.requests}, tagged with its endpoint (the route template, such as {@code
 * /subjects/{subject}/versions}, never the raw path: subject names stay out of the metrics), method, HTTP status,
 * outcome and Confluent {@code error_code} ({@code none} for an answer that is not an error). Recorded when the answer
 * is committed, so refusals and errors that exception handlers write are counted with their codes.
 */
public final class RequestMetrics implements WebFilter, Ordered {

    /** The exchange attribute in which whoever writes an error body leaves its {@code error_code}. */
    public static final String ERROR_CODE = RequestMetrics.class.getName() + ".errorCode";

    static final String REQUESTS = "registry.requests";
    /** A request no route matched, or refused before routing. */
    static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry meters;

    public RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Timer.Sample sample = Timer.start(meters);
        exchange.getResponse().beforeCommit(() -> {
            record(exchange, sample);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** Remembers {@code errorCode} as the outcome of {@code exchange}. */
    public static void errorCode(ServerWebExchange exchange, int errorCode) {
        exchange.getAttributes().put(ERROR_CODE, errorCode);
    }

    private void record(ServerWebExchange exchange, Timer.Sample sample) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Object errorCode = exchange.getAttribute(ERROR_CODE);
        sample.stop(Timer.builder(REQUESTS)
                .description("Requests to the registry by endpoint (route template) and outcome")
                .tag("endpoint", pattern instanceof PathPattern path ? path.getPatternString() : UNMATCHED)
                .tag("method", exchange.getRequest().getMethod().name())
                .tag("status", String.valueOf(code))
                .tag("outcome", outcome(code))
                .tag("error_code", errorCode == null ? "none" : errorCode.toString())
                .register(meters));
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        if (status >= 300) {
            return "REDIRECTION";
        }
        return "SUCCESS";
    }

    /** Before the access rules, so refused requests are counted too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
