package org.zhengce.referral.cases;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused case request, as an RFC 9457 problem: the web layer's answer, never thrown by the decisions. */
public class CaseProblem extends ErrorResponseException {

    private CaseProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    public static CaseProblem notFound(UUID caseId) {
        return new CaseProblem(HttpStatus.NOT_FOUND, "Unknown case", "no case " + caseId);
    }

    /** 403: the caller's jurisdictions do not cover {@code communityCode}. */
    public static CaseProblem outsideJurisdiction(String communityCode) {
        return new CaseProblem(
                HttpStatus.FORBIDDEN,
                "Outside your jurisdiction",
                "community " + communityCode + " is not in the caller's jurisdictions; the attempt is audited");
    }

    /**
     * 409: the step does not apply to the case as it stands; the problem names the case's stage
     * ({@code currentState}) and the steps it allows ({@code allowedTransitions}), and the step when known.
     */
    public static CaseProblem refused(CaseTransitionRefused refused) {
        CaseProblem problem = new CaseProblem(HttpStatus.CONFLICT, "Invalid transition", refused.getMessage());
        problem.getBody().setProperty("currentState", refused.currentState().name());
        problem.getBody().setProperty("allowedTransitions", refused.allowedTransitions());
        if (refused.step() != null) {
            problem.getBody().setProperty("step", refused.step().name());
        }
        return problem;
    }

    /**
     * 412: the case changed since the version the request's {@code If-Match} names; the problem names the version
     * it is at ({@code currentVersion}).
     */
    public static CaseProblem stale(CaseState state) {
        CaseProblem problem = new CaseProblem(
                HttpStatus.PRECONDITION_FAILED,
                "Case changed",
                "case " + state.id() + " was changed: it is at version " + state.version()
                        + ", not the one If-Match names; read it again");
        problem.getBody().setProperty("currentVersion", (long) state.version());
        return problem;
    }
}
