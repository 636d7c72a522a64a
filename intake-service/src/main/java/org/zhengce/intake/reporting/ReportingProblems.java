package org.zhengce.intake.reporting;

import java.net.URI;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.zhengce.intake.pipeline.RejectedEventNotFoundException;

/**
 * Intake's refusals that are not about one event: too large (413), too slow (408), too many (429), not found (404).
 */
@RestControllerAdvice
class ReportingProblems {

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "Body too large",
                        e.getMessage() + "; send a larger batch as NDJSON or a CSV file",
                        exchange));
    }

    @ExceptionHandler(BodyReadTimedOutException.class)
    ResponseEntity<ProblemDetail> timedOut(BodyReadTimedOutException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
                .header(HttpHeaders.CONNECTION, "close")
                .body(problem(HttpStatus.REQUEST_TIMEOUT, "Body too slow", e.getMessage(), exchange));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage(), exchange));
    }

    @ExceptionHandler(RejectedEventNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RejectedEventNotFoundException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), exchange));
    }

    @ExceptionHandler(SubmissionNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(SubmissionNotFoundException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), exchange));
    }

    @ExceptionHandler(SubmissionRefusedException.class)
    ResponseEntity<ProblemDetail> refused(SubmissionRefusedException e, ServerWebExchange exchange) {
        ProblemDetail problem = problem(e.status(), e.title(), e.getMessage(), exchange);
        if (e.submissionId() != null) {
            problem.setProperty("submissionId", e.submissionId());
        }
        return ResponseEntity.status(e.status()).body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return problem;
    }
}
