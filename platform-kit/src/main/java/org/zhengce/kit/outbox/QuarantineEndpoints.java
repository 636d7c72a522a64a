package org.zhengce.kit.outbox;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The admin API of a service's outbox quarantines, under {@code /admin/outbox/quarantine} (the kit's chains give
 * {@code /admin/**} to the service's admin role): {@code GET} lists the quarantined records (`?limit=`, default 100),
 * {@code POST /{id}/release} releases one after a fix (404 when no outbox holds it in quarantine). A service declares
 * the routes as a bean: {@code @Bean RouterFunction<ServerResponse> quarantine(OutboxRelay relay)
 * { return QuarantineEndpoints.routes(List.of(relay)); }}.
 */
public final class QuarantineEndpoints {

    /** The path of the API. */
    public static final String PATH = "/admin/outbox/quarantine";

    private static final Logger log = LoggerFactory.getLogger(QuarantineEndpoints.class);
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private QuarantineEndpoints() {}

    /** The routes over {@code quarantines} (a service's outboxes). */
    public static RouterFunction<ServerResponse> routes(List<? extends OutboxQuarantine> quarantines) {
        List<OutboxQuarantine> all = List.copyOf(quarantines);
        return RouterFunctions.route()
                .GET(PATH, request -> list(all, request))
                .POST(PATH + "/{id}/release", request -> release(all, request))
                .build();
    }

    private static Mono<ServerResponse> list(List<OutboxQuarantine> quarantines, ServerRequest request) {
        int limit;
        try {
            limit = request.queryParam("limit").map(Integer::parseInt).orElse(DEFAULT_LIMIT);
        } catch (NumberFormatException e) {
            return problem(HttpStatus.BAD_REQUEST, "limit must be a number", request);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return problem(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT, request);
        }
        Flux<QuarantinedRecord> records = Flux.fromIterable(quarantines)
                .concatMap(q -> q.quarantined(limit))
                .take(limit);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(records, QuarantinedRecord.class);
    }

    private static Mono<ServerResponse> release(List<OutboxQuarantine> quarantines, ServerRequest request) {
        String id = request.pathVariable("id");
        return Flux.fromIterable(quarantines)
                .concatMap(q -> q.release(id).filter(Boolean::booleanValue).map(released -> q.outbox()))
                .next()
                .flatMap(outbox -> {
                    log.info("released {} from the {} outbox's quarantine", id, outbox);
                    return ServerResponse.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("outbox", outbox, "id", id, "released", true));
                })
                .switchIfEmpty(Mono.defer(() -> problem(HttpStatus.NOT_FOUND, "no quarantined record " + id, request)));
    }

    private static Mono<ServerResponse> problem(HttpStatus status, String detail, ServerRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(request.uri());
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem);
    }
}
