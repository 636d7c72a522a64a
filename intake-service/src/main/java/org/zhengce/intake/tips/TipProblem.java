package org.zhengce.intake.tips;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A tip refused before it reaches the pipeline, with the rule it broke. */
final class TipProblem {

    /** The signed-in person is not a registered, enabled reporter. */
    static final String UNREGISTERED = "tip.reporter-unregistered";

    /** The tip is about a household outside the reporter's community. */
    static final String OUTSIDE_COMMUNITY = "tip.outside-community";

    /** A field of the form is missing or wrong. */
    static final String INVALID = "tip.invalid";

    private TipProblem() {}

    static ErrorResponseException of(HttpStatus status, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status == HttpStatus.FORBIDDEN ? "Tip not allowed" : "Invalid tip");
        problem.setProperty("rule", rule);
        return new ErrorResponseException(status, problem, null);
    }
}
