package org.zhengce.referral.statistics;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused statistics request, as an RFC 9457 problem: 400 naming the field, 403 outside the jurisdictions. */
class StatisticsProblem extends ErrorResponseException {

    private StatisticsProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static StatisticsProblem invalid(String field, String value, String detail) {
        StatisticsProblem problem =
                new StatisticsProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, field + ": " + detail);
        problem.getBody().setProperty("field", field);
        problem.getBody().setProperty("value", value);
        return problem;
    }

    static StatisticsProblem outsideJurisdiction(String areaCode, String why) {
        StatisticsProblem problem = new StatisticsProblem(
                HttpStatus.FORBIDDEN, "Outside your jurisdiction", "area " + areaCode + ": " + why);
        problem.getBody().setProperty("area", areaCode);
        return problem;
    }
}
