package org.zhengce.scoring.queries;

import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

/**
 * Asks another instance of scoring for what it holds, on the caller's behalf (their {@code Authorization} header,
 * so the other instance applies the same rules), always with {@code local=true} so that the question goes no
 * further, and signed ({@link org.zhengce.scoring.audit.ForwardedQueries}) so that it is audited here only. An instance that cannot be reached is a 503 with {@code Retry-After}: during a rebalance the holder
 * moves.
 */
class Peers {

    private static final Logger log = LoggerFactory.getLogger(Peers.class);

    private final WebClient client;
    private final QuerySettings settings;

    Peers(WebClient client, QuerySettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The other instance's answer to the same request, status, body and all. */
    Mono<ResponseEntity<byte[]>> forward(
            HostInfo host, String path, Map<String, ?> variables, @Nullable String authorization) {
        return client.get()
                .uri(builder -> uri(builder, host, path).build(variables))
                .headers(headers -> authorize(headers, authorization))
                .exchangeToMono(response -> response.toEntity(byte[].class))
                .timeout(settings.peerTimeout())
                .onErrorMap(e -> !(e instanceof ErrorResponseException), e -> unreachable(host, e));
    }

    /** The other instance's part of a whole-store report. */
    <T> Mono<T> part(HostInfo host, String path, Map<String, ?> query, @Nullable String authorization, Class<T> type) {
        return client.get()
                .uri(builder -> {
                    UriBuilder uri = uri(builder, host, path);
                    query.forEach((name, value) -> uri.queryParam(name, value));
                    return uri.build();
                })
                .headers(headers -> authorize(headers, authorization))
                .retrieve()
                .bodyToMono(type)
                .timeout(settings.peerTimeout())
                .onErrorMap(e -> !(e instanceof ErrorResponseException), e -> unreachable(host, e));
    }

    private UriBuilder uri(UriBuilder builder, HostInfo host, String path) {
        return builder.scheme(settings.peerScheme())
                .host(host.host())
                .port(host.port())
                .path(path)
                .queryParam("local", "true");
    }

    private static void authorize(HttpHeaders headers, @Nullable String authorization) {
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
    }

    private static ErrorResponseException unreachable(HostInfo host, Throwable e) {
        log.warn("instance {} did not answer: {}", Instances.describe(host), e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "instance " + Instances.describe(host) + " holding part of the answer did not answer (" + e.getMessage()
                        + "); try again");
        problem.setTitle("Instance unavailable");
        ErrorResponseException unavailable = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
        unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, QueryConfiguration.RETRY_AFTER_SECONDS);
        return unavailable;
    }
}
