package org.zhengce.referral.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused request, as an RFC 9457 problem: a parameter or body field naming its field (400), a step the caller may
 * not take (403), a conflict with what is stored (409).
 */
public final class RequestProblem {

    private RequestProblem() {}

    /** 400 naming {@code field} (property {@code field}), as the body problems do. */
    public static ErrorResponseException invalid(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + detail);
        problem.setTitle("Invalid " + field);
        problem.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** 403: the caller's jurisdictions do not cover {@code areaCode}. */
    public static ErrorResponseException outsideJurisdiction(String areaCode) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN,
                "area " + areaCode + " is not in the caller's jurisdictions; the attempt is audited");
        problem.setTitle("Outside your jurisdiction");
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }

    /** 403: the caller's role or identity may not take this step. */
    public static ErrorResponseException forbidden(String detail) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    /** 409: the request conflicts with another case or resource (e.g. the household has another open case). */
    public static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, "Conflict", detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
