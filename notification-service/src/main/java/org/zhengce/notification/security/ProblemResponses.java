package org.zhengce.notification.security;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes the security chain's refusals as RFC 9457 problem details, with the application's own JSON codec. */
final class ProblemResponses {

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final List<HttpMessageWriter<?>> writers;
    private final boolean bearerTokens;

    ProblemResponses(ServerCodecConfigurer codecs, boolean bearerTokens) {
        this.writers = codecs.getWriters();
        this.bearerTokens = bearerTokens;
    }

    Mono<Void> unauthenticated(ServerWebExchange exchange, AuthenticationException e) {
        if (!bearerTokens) {
            return write(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    "Unauthenticated",
                    "no token issuer is configured: only the health probes are open");
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        String detail = e.getMessage() == null || e.getMessage().startsWith("Not Authenticated")
                ? "a bearer token is required"
                : e.getMessage();
        return write(exchange, HttpStatus.UNAUTHORIZED, "Unauthenticated", detail);
    }

    @SuppressWarnings("unchecked")
    Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        exchange.getResponse().setStatusCode(status);
        HttpMessageWriter<ProblemDetail> writer = (HttpMessageWriter<ProblemDetail>) writers.stream()
                .filter(w -> w.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no JSON writer for problem details"));
        return writer.write(
                Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, exchange.getResponse(), Map.of());
    }
}
