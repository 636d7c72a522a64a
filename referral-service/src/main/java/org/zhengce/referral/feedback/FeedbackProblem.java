package org.zhengce.referral.feedback;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused evaluation, as an RFC 9457 problem naming the {@code rule} it broke, so a client can tell one refusal
 * from another without reading the text.
 */
final class FeedbackProblem extends ErrorResponseException {

    private FeedbackProblem(HttpStatus status, String title, String rule, String detail) {
        super(status, problem(status, title, rule, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("rule", rule);
        return problem;
    }

    /** 404: the case has no such service (or there is no such referral at all). */
    static FeedbackProblem unknownService(UUID referralId) {
        return new FeedbackProblem(
                HttpStatus.NOT_FOUND, "Unknown service", "feedback.service.unknown", "no service " + referralId);
    }

    /** 403: an organisation evaluates only the services it gave. */
    static FeedbackProblem notTheOrganisations(UUID referralId, String organisationId) {
        return new FeedbackProblem(
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "feedback.organisation.not-its-service",
                "service " + referralId + " was not given by organisation " + organisationId);
    }

    /** 409: only a service that was delivered (a programme granted, a referral completed) is evaluated. */
    static FeedbackProblem notDelivered(UUID referralId, String status) {
        return new FeedbackProblem(
                HttpStatus.CONFLICT,
                "Service not delivered",
                "feedback.service.not-delivered",
                "service " + referralId + " is " + status + "; a service is evaluated once GRANTED or COMPLETED");
    }

    /** 409: the household is asked once; the service was evaluated already. */
    static FeedbackProblem alreadyEvaluated(UUID referralId) {
        return new FeedbackProblem(
                HttpStatus.CONFLICT,
                "Already evaluated",
                "feedback.service.already-evaluated",
                "service " + referralId + " was evaluated already");
    }
}
