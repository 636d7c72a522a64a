package org.zhengce.referral.jurisdictions;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused directory request, as an RFC 9457 problem: 404 unknown, 409 exists already, 400 a bad field. */
public class DirectoryProblem extends ErrorResponseException {

    private DirectoryProblem(HttpStatus status, String title, String detail, String field, String value) {
        super(status, problem(status, title, detail, field, value), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, String field, String value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("field", field);
        problem.setProperty("value", value);
        return problem;
    }

    static DirectoryProblem notFound(String kind, String field, String id) {
        return new DirectoryProblem(HttpStatus.NOT_FOUND, "Unknown " + kind, "no " + kind + " " + id, field, id);
    }

    static DirectoryProblem exists(String kind, String field, String id) {
        return new DirectoryProblem(
                HttpStatus.CONFLICT, kind + " exists", "a " + kind + " " + id + " exists already", field, id);
    }

    /** A 400 naming the field. */
    public static DirectoryProblem invalid(String field, String value, String detail) {
        return new DirectoryProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, field + ": " + detail, field, value);
    }
}
