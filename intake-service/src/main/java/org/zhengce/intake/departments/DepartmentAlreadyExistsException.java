package org.zhengce.intake.departments;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A department with this code is already registered: 409. */
public class DepartmentAlreadyExistsException extends ErrorResponseException {

    DepartmentAlreadyExistsException(String code) {
        super(HttpStatus.CONFLICT, problem(code), null);
    }

    private static ProblemDetail problem(String code) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "department " + code + " already exists");
        problem.setTitle("Department already exists");
        problem.setProperty("department", code);
        return problem;
    }
}
