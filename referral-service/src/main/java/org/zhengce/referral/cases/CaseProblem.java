package org.zhengce.referral.cases;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused case request, as an RFC 9457 problem. */
class CaseProblem extends ErrorResponseException {

    private CaseProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static CaseProblem notFound(UUID caseId) {
        return new CaseProblem(HttpStatus.NOT_FOUND, "Unknown case", "no case " + caseId);
    }

    /** 403: the caller's jurisdictions do not cover {@code communityCode}. */
    static CaseProblem outsideJurisdiction(String communityCode) {
        return new CaseProblem(
                HttpStatus.FORBIDDEN,
                "Outside your jurisdiction",
                "community " + communityCode + " is not in the caller's jurisdictions; the attempt is audited");
    }

    /** 403: the caller's role may not take this step. */
    static CaseProblem forbidden(String detail) {
        return new CaseProblem(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    static CaseProblem invalid(String field, String detail) {
        CaseProblem problem = new CaseProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, field + ": " + detail);
        problem.getBody().setProperty("field", field);
        return problem;
    }

    /**
     * 409: the step does not apply to the case as it stands; the problem names the case's stage
     * ({@code currentState}) and the steps it allows ({@code allowedTransitions}).
     */
    static final class InvalidTransition extends CaseProblem {

        InvalidTransition(CaseState state, CaseStage.@Nullable Step step, String why) {
            super(
                    HttpStatus.CONFLICT,
                    "Invalid transition",
                    (step == null ? "this step" : step.name()) + " is not allowed on case " + state.id() + ": "
                            + why + "; allowed in " + state.stage() + ": "
                            + CaseStage.Step.names(state.stage().allowed()));
            getBody().setProperty("currentState", state.stage().name());
            getBody()
                    .setProperty(
                            "allowedTransitions",
                            CaseStage.Step.names(state.stage().allowed()));
            if (step != null) {
                getBody().setProperty("step", step.name());
            }
        }
    }

    /** 409: the request conflicts with another case or resource (e.g. the household has another open case). */
    static CaseProblem conflict(String detail) {
        return new CaseProblem(HttpStatus.CONFLICT, "Conflict", detail);
    }
}
