package org.zhengce.registry.api;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.zhengce.registry.api.Responses.ErrorMessage;
import org.zhengce.registry.monitoring.RequestMetrics;
import org.zhengce.registry.store.StoreException;
import org.zhengce.registry.store.StoreTimeoutException;
import org.zhengce.registry.subjects.RegistryException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure, unknown routes included, into Confluent's error body {@code
 * {"error_code": 40401, "message": "..."}} with the HTTP status Confluent's registry uses.
 */
@Component
@Order(-2)
class ErrorResponses implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final MediaType V1 = MediaType.parseMediaType(MediaTypes.V1_JSON);

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        int status;
        ErrorMessage body;
        if (failure instanceof RegistryException e) {
            status = e.status();
            body = new ErrorMessage(e.errorCode(), e.getMessage());
        } else if (failure instanceof StoreTimeoutException e) {
            log.warn("Store operation timed out", e);
            status = 500;
            body = new ErrorMessage(50002, "Operation timed out: " + e.getMessage());
        } else if (failure instanceof StoreException e) {
            log.error("Store operation failed", e);
            status = 500;
            body = new ErrorMessage(50001, "Error in the backend data store: " + e.getMessage());
        } else if (failure instanceof ResponseStatusException e) {
            status = e.getStatusCode().value();
            body = new ErrorMessage(status, "HTTP " + status + " " + reason(e.getStatusCode()));
        } else {
            log.error(
                    "Unexpected failure on {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    failure);
            status = 500;
            body = new ErrorMessage(500, "Internal Server Error");
        }
        RequestMetrics.errorCode(exchange, body.errorCode());
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(contentType(exchange));
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }

    private static String reason(HttpStatusCode code) {
        HttpStatus status = HttpStatus.resolve(code.value());
        return status == null ? "" : status.getReasonPhrase();
    }

    /** Plain JSON for clients that only accept it, Confluent's v1 type otherwise. */
    private static MediaType contentType(ServerWebExchange exchange) {
        List<MediaType> accepted = exchange.getRequest().getHeaders().getAccept();
        boolean plainJsonOnly = accepted.stream().anyMatch(MediaType.APPLICATION_JSON::equalsTypeAndSubtype)
                && accepted.stream().noneMatch(type -> type.isCompatibleWith(V1) && !type.isWildcardSubtype());
        return plainJsonOnly ? MediaType.APPLICATION_JSON : V1;
    }
}
