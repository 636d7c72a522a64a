package org.zhengce.kit.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes refusals as RFC 9457 problem details with the application's own JSON codec, where no controller is there to
 * return a {@link ProblemDetail}: the security chain's entry points and access-denied handlers. A problem may name
 * its {@code type} (a URI that documents it); without one it is {@code about:blank}, whose title is the status.
 */
public final class ProblemResponses {

    /** The detail of a 401 when no token issuer is configured: only the health probes are open. */
    public static final String NO_ISSUER = "no token issuer is configured: only the health probes are open";

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final List<HttpMessageWriter<?>> writers;

    public ProblemResponses(ServerCodecConfigurer codecs) {
        this.writers = codecs.getWriters();
    }

    /**
     * 401 with the {@code WWW-Authenticate} {@code challenge}: {@code missing} as the detail when the request carried
     * no credentials at all, otherwise why its credentials were refused (an invalid or expired token).
     */
    public Mono<Void> unauthenticated(
            ServerWebExchange exchange, AuthenticationException e, String challenge, String missing) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", challenge);
        String detail = credentialsMissing(e) ? missing : String.valueOf(e.getMessage());
        return write(exchange, HttpStatus.UNAUTHORIZED, "Unauthenticated", detail);
    }

    /** 403: the caller's roles do not open this endpoint (its method and path named). */
    public Mono<Void> forbidden(ServerWebExchange exchange) {
        return write(
                exchange,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "the caller's roles may not use " + exchange.getRequest().getMethod() + " "
                        + exchange.getRequest().getPath());
    }

    /** A problem of type {@code about:blank}. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        return write(exchange, null, status, title, detail);
    }

    /** A problem of {@code type} (a URI documenting it), at the request's path as its {@code instance}. */
    @SuppressWarnings("unchecked")
    public Mono<Void> write(
            ServerWebExchange exchange, @Nullable URI type, HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (type != null) {
            problem.setType(type);
        }
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

    /**
     * Whether the request carried no credentials at all: Spring Security then says "Not Authenticated" (WebFlux) or
     * "Full authentication is required" rather than why a credential was refused.
     */
    public static boolean credentialsMissing(AuthenticationException e) {
        return e.getMessage() == null
                || e instanceof AuthenticationCredentialsNotFoundException
                || e instanceof InsufficientAuthenticationException
                || e.getMessage().startsWith("Not Authenticated");
    }
}
