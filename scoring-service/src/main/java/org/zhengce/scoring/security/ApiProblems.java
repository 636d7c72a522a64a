package org.zhengce.scoring.security;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the API's controllers raise as an RFC 9457 problem: their own
 * {@link org.springframework.web.ErrorResponseException}s with their headers, Spring's (a missing parameter, a wrong
 * media type...), and a state store that cannot be read while the streams start or rebalance (503 with
 * {@code Retry-After}).
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> rebalancing(InvalidStateStoreException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "the scoring streams are starting or rebalancing (" + e.getMessage() + "); try again");
        problem.setTitle("Rebalancing");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
