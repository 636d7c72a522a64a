package org.zhengce.referral.complaints;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused complaint request, as an RFC 9457 problem naming the {@code rule} it broke (and {@code field} for a bad
 * value), so a client can tell one refusal from another without reading the text.
 */
final class ComplaintProblem extends ErrorResponseException {

    private ComplaintProblem(HttpStatus status, String title, String rule, String detail) {
        super(status, problem(status, title, rule, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("rule", rule);
        return problem;
    }

    /** 404: no such complaint, or one the caller may not see (its existence is not revealed). */
    static ComplaintProblem notFound(UUID id) {
        return new ComplaintProblem(
                HttpStatus.NOT_FOUND, "Unknown complaint", "complaint.unknown", "no complaint " + id);
    }

    /** 404: the case the complaint is about is unknown. */
    static ComplaintProblem unknownCase(UUID caseId) {
        return new ComplaintProblem(
                HttpStatus.NOT_FOUND, "Unknown case", "complaint.case.unknown", "no case " + caseId);
    }

    /** 403: the case is outside the caller's jurisdictions; one complains about a case of one's own area. */
    static ComplaintProblem caseOutsideJurisdiction(String communityCode) {
        return new ComplaintProblem(
                HttpStatus.FORBIDDEN,
                "Outside your jurisdiction",
                "complaint.case.outside-jurisdiction",
                "community " + communityCode + " is not in the caller's jurisdictions; the attempt is audited");
    }

    /** 400 naming {@code field}. */
    static ComplaintProblem invalid(String field, String rule, String detail) {
        ComplaintProblem problem =
                new ComplaintProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, rule, field + ": " + detail);
        problem.getBody().setProperty("field", field);
        return problem;
    }

    /** 403: the caller may not take this step on the complaint. */
    static ComplaintProblem forbidden(String rule, String detail) {
        return new ComplaintProblem(HttpStatus.FORBIDDEN, "Forbidden", rule, detail);
    }

    /** 409: the complaint's stage does not allow the step; names the stage and the steps it allows. */
    static ComplaintProblem refused(ComplaintRefused refused) {
        ComplaintProblem problem =
                new ComplaintProblem(HttpStatus.CONFLICT, "Invalid transition", refused.rule(), refused.getMessage());
        problem.getBody().setProperty("currentState", refused.currentState().name());
        problem.getBody().setProperty("allowedTransitions", refused.allowedTransitions());
        problem.getBody().setProperty("step", refused.step().name());
        return problem;
    }
}
