package org.zhengce.referral.resources;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused resource request, as an RFC 9457 problem. */
public class ResourceProblem extends ErrorResponseException {

    private ResourceProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static ResourceProblem invalid(String field, String value, String detail) {
        ResourceProblem problem =
                new ResourceProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, field + ": " + detail);
        problem.getBody().setProperty("field", field);
        problem.getBody().setProperty("value", value);
        return problem;
    }

    static ResourceProblem unknownOrganisation(String organisationId) {
        ResourceProblem problem =
                new ResourceProblem(HttpStatus.NOT_FOUND, "Unknown organisation", "no organisation " + organisationId);
        problem.getBody().setProperty("organisationId", organisationId);
        return problem;
    }

    /** 409: the organisation has no free capacity. */
    static ResourceProblem full(String organisationId, int capacity, long openReferrals) {
        ResourceProblem problem = new ResourceProblem(
                HttpStatus.CONFLICT,
                "Organisation at capacity",
                "organisation " + organisationId + " has " + openReferrals + " open referrals for a capacity of "
                        + capacity + ": it cannot take another case");
        problem.getBody().setProperty("organisationId", organisationId);
        problem.getBody().setProperty("capacity", capacity);
        problem.getBody().setProperty("openReferrals", openReferrals);
        return problem;
    }

    static ResourceProblem outsideJurisdiction(String communityCode) {
        return new ResourceProblem(
                HttpStatus.FORBIDDEN,
                "Outside your jurisdiction",
                "community " + communityCode + " is not in the caller's jurisdictions");
    }
}
