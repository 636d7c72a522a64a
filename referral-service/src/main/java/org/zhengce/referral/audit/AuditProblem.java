package org.zhengce.referral.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused read of the audit trail, as an RFC 9457 problem naming the {@code rule} it broke (and {@code field} for
 * a bad parameter); the refusal is itself audited under that rule.
 */
final class AuditProblem extends ErrorResponseException {

    private final String rule;

    private AuditProblem(HttpStatus status, String title, String rule, String detail) {
        super(status, problem(status, title, rule, detail), null);
        this.rule = rule;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("rule", rule);
        return problem;
    }

    String rule() {
        return rule;
    }

    /** 400 naming the parameter {@code field}. */
    static AuditProblem invalid(String field, String detail) {
        AuditProblem problem =
                new AuditProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, "audit.parameter", field + ": " + detail);
        problem.getBody().setProperty("field", field);
        return problem;
    }

    /** 403: neither an auditor nor a supervisor (an advisor never reads the trail). */
    static AuditProblem readersOnly() {
        return new AuditProblem(
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "audit.read.auditors-and-supervisors-only",
                "the audit trail is read by the platform's auditors and by supervisors for their area;"
                        + " the attempt is audited");
    }

    /** 403: a supervisor asked about a case outside their jurisdictions. */
    static AuditProblem caseOutsideJurisdiction(String communityCode) {
        return new AuditProblem(
                HttpStatus.FORBIDDEN,
                "Outside your jurisdiction",
                "audit.case.outside-jurisdiction",
                "the case's community " + communityCode + " is not in the caller's jurisdictions;"
                        + " the attempt is audited");
    }
}
