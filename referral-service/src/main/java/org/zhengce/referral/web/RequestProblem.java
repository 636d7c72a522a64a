package org.zhengce.referral.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request refused before any work, as an RFC 9457 problem: a query parameter naming its field, or a 403. */
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
}
