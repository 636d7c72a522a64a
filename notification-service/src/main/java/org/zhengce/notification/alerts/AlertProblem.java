package org.zhengce.notification.alerts;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused alert request, as an RFC 9457 problem. */
class AlertProblem extends ErrorResponseException {

    private AlertProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** 404 for an alert that does not exist and for one the caller may not see: its existence is not revealed. */
    static AlertProblem notFound(UUID alertId) {
        return new AlertProblem(HttpStatus.NOT_FOUND, "Unknown alert", "no alert " + alertId + " of yours");
    }

    /** 400 for a request parameter that should be an alert sequence number and is not. */
    static AlertProblem notASequence(String parameter, String value) {
        AlertProblem refused = new AlertProblem(
                HttpStatus.BAD_REQUEST,
                "Invalid " + parameter,
                parameter + " must be an alert sequence number (digits), was '" + value + "'");
        refused.getBody().setProperty("field", parameter);
        refused.getBody().setProperty("value", value);
        return refused;
    }

    static AlertProblem outsideJurisdiction(String communityCode) {
        return new AlertProblem(
                HttpStatus.FORBIDDEN,
                "Outside your jurisdiction",
                "community " + communityCode + " is not in the caller's jurisdictions");
    }
}
