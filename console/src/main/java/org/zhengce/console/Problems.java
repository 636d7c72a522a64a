package org.zhengce.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problems written by the backend-for-frontend itself (the services write their own). */
final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    static ServerAuthenticationEntryPoint entryPoint(HttpStatus status, String detail) {
        return (exchange, denied) -> write(exchange.getResponse(), status, detail);
    }

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] json = JSON.writeValueAsBytes(ProblemDetail.forStatusAndDetail(status, detail));
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(json)));
    }
}
