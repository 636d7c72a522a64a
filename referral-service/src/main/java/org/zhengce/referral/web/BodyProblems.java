package org.zhengce.referral.web;

import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.DatabindException;

/**
 * Malformed and invalid request bodies as RFC 9457 problems naming the field: a value that does not fit its type
 * (an unknown enum symbol, text for a number) or is missing, and a body that breaks a constraint. A body that is
 * not JSON at all says so.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyProblems {

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail invalid(WebExchangeBindException e) {
        FieldError first =
                e.getFieldErrors().isEmpty() ? null : e.getFieldErrors().get(0);
        String detail = e.getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, detail.isEmpty() ? "the request body is invalid" : detail);
        problem.setTitle(first == null ? "Invalid request body" : "Invalid " + first.getField());
        if (first != null) {
            problem.setProperty("field", first.getField());
        }
        return problem;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        DatabindException databind = cause(e);
        if (databind == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getReason());
            problem.setTitle("Bad request");
            return problem;
        }
        String field = databind.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        String message = databind.getOriginalMessage();
        int newline = message.indexOf('\n');
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                (field.isEmpty() ? "" : field + ": ") + (newline < 0 ? message : message.substring(0, newline)));
        problem.setTitle(field.isEmpty() ? "Malformed request body" : "Invalid " + field);
        if (!field.isEmpty()) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    private static @Nullable DatabindException cause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException databind) {
                return databind;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
