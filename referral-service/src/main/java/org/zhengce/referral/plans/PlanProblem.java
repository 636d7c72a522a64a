package org.zhengce.referral.plans;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused plan request, as an RFC 9457 problem. */
final class PlanProblem {

    private PlanProblem() {}

    /**
     * 412: the plan changed since the version the request's {@code If-Match} names; the problem names its version
     * ({@code currentVersion}) and who changed it when ({@code editedBy}, {@code editedAt}).
     */
    static ErrorResponseException stale(PlanView plan) {
        boolean decided = plan.decidedAt() != null && plan.decidedBy() != null;
        String by = decided ? plan.decidedBy() : plan.createdBy();
        Instant at = decided ? plan.decidedAt() : plan.createdAt();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.PRECONDITION_FAILED,
                "the plan was changed by " + by + " at " + at + ": it is at version " + plan.version()
                        + ", not the one If-Match names; read it again");
        problem.setTitle("Plan changed");
        problem.setProperty("currentVersion", (long) plan.version());
        problem.setProperty("editedBy", by);
        problem.setProperty("editedAt", String.valueOf(at));
        return new ErrorResponseException(HttpStatus.PRECONDITION_FAILED, problem, null);
    }
}
