package org.zhengce.intake.departments;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No department has this code: 404. */
public class DepartmentNotFoundException extends ErrorResponseException {

    DepartmentNotFoundException(String code) {
        super(HttpStatus.NOT_FOUND, problem(code), null);
    }

    private static ProblemDetail problem(String code) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no department " + code);
        problem.setTitle("Unknown department");
        problem.setProperty("department", code);
        return problem;
    }
}
