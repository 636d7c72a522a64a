package org.zhengce.intake.departments;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;

/** Invalid admin requests answer 400 with every offending field named (RFC 9457 problem details). */
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of Spring Boot's generic problem-details handler
@RestControllerAdvice(assignableTypes = DepartmentAdminController.class)
class DepartmentAdminProblems {

    @ExceptionHandler
    ProblemDetail invalid(WebExchangeBindException e) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(error -> Map.of(
                        "field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage()),
                        "rejectedValue", String.valueOf(error.getRejectedValue())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "invalid fields: "
                        + String.join(
                                ", ",
                                errors.stream()
                                        .map(error -> error.get("field"))
                                        .distinct()
                                        .sorted()
                                        .toList()));
        problem.setTitle("Invalid department");
        problem.setProperty("errors", errors);
        return problem;
    }
}
