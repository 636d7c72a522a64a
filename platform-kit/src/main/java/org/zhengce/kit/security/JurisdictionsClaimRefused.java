package org.zhengce.kit.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A token whose {@code jurisdictions} claim is empty or malformed, or an advisor's that does not name communities:
 * the caller is refused (403, a problem naming the claim) rather than given a scope guessed from it.
 */
public class JurisdictionsClaimRefused extends ErrorResponseException {

    static final String TITLE = "Jurisdictions claim refused";

    public JurisdictionsClaimRefused(String reason) {
        super(HttpStatus.FORBIDDEN, problem(reason), null);
    }

    private static ProblemDetail problem(String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, reason);
        problem.setTitle(TITLE);
        return problem;
    }
}
