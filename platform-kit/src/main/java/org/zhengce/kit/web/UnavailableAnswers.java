package org.zhengce.kit.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.zhengce.kit.failures.Failures;
import org.zhengce.schemas.identity.IdentityNumbers;
import reactor.core.publisher.Mono;

/**
 * Answers a request that failed on a {@linkplain Failures#isTransient transient} failure (its database, Kafka or the
 * registry not answering) anywhere it happened, in a controller or in the security chain (an API key looked up while
 * the database restarts), with {@code 503 Service Unavailable}, {@code Retry-After} and a problem that says to send
 * it again, instead of Spring's {@code 500}: the caller did nothing wrong and the same request will succeed. Logged as
 * one warning line (the failure's class and message, identity numbers masked), without a stack trace. Any other
 * failure goes on to Spring Boot's error handler. Ordered before it; a service imports it ({@code
 * @Import(UnavailableAnswers.class)} on its security configuration).
 */
public final class UnavailableAnswers implements WebExceptionHandler, Ordered {

    /** Before Spring Boot's {@code DefaultErrorWebExceptionHandler} ({@code -1}). */
    public static final int ORDER = -2;

    private static final Logger log = LoggerFactory.getLogger(UnavailableAnswers.class);

    /** How long a caller is told to wait before it sends the request again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ProblemResponses problems;

    /** Answers with {@code codecs}' JSON writer. */
    public UnavailableAnswers(ServerCodecConfigurer codecs) {
        this.problems = new ProblemResponses(codecs);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (!Failures.isTransient(failure) || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        String reason = IdentityNumbers.maskAllIn(Failures.reason(failure));
        log.warn(
                "{} {} answered 503 (retry after {} s): {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                RETRY_AFTER.toSeconds(),
                reason);
        exchange.getResponse()
                .getHeaders()
                .set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, RETRY_AFTER.toSeconds())));
        return problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Unavailable",
                "a service this request needs (a database, Kafka or the schema registry) did not answer: send the"
                        + " request again after Retry-After");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
