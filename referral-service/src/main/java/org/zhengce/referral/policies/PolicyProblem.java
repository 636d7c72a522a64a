package org.zhengce.referral.policies;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused policy-library request, as an RFC 9457 problem; a 400 names the field. */
class PolicyProblem extends ErrorResponseException {

    private PolicyProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static PolicyProblem invalid(String field, String detail) {
        PolicyProblem problem = new PolicyProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, detail);
        problem.getBody().setProperty("field", field);
        return problem;
    }

    static PolicyProblem invalid(InvalidRuleException e) {
        return invalid(e.field(), e.getMessage());
    }

    static PolicyProblem unknownProgramme(String code) {
        PolicyProblem problem = new PolicyProblem(HttpStatus.NOT_FOUND, "Unknown programme", "no programme " + code);
        problem.getBody().setProperty("code", code);
        return problem;
    }

    static PolicyProblem outsideJurisdiction(String communityCode) {
        return new PolicyProblem(
                HttpStatus.FORBIDDEN,
                "Outside your jurisdiction",
                "community " + communityCode + " is not in the caller's jurisdictions");
    }
}
