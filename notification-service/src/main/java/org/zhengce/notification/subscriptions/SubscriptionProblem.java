package org.zhengce.notification.subscriptions;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused subscription or endpoint request, as an RFC 9457 problem naming the field. */
class SubscriptionProblem extends ErrorResponseException {

    SubscriptionProblem(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(field, detail), null);
    }

    private static ProblemDetail problem(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + detail);
        problem.setTitle("Invalid " + field);
        problem.setProperty("field", field);
        return problem;
    }
}
