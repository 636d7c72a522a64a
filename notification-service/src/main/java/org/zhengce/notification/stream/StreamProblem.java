package org.zhengce.notification.stream;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Why a stream cannot resume from the {@code Last-Event-ID} the client sent: an RFC 9457 problem. */
record StreamProblem(ProblemDetail problem) {

    static final String RELOAD = "reload the inbox (GET /alerts) and connect again without Last-Event-ID";

    static StreamProblem notANumber(String value) {
        return of(
                HttpStatus.BAD_REQUEST,
                "Invalid Last-Event-ID",
                "Last-Event-ID must be an alert sequence number (digits), was '" + value + "'");
    }

    static StreamProblem unknown(long lastEventId, long latest) {
        return of(
                HttpStatus.BAD_REQUEST,
                "Unknown Last-Event-ID",
                "no alert " + lastEventId + " was sent to you (your newest is " + latest + "); " + RELOAD);
    }

    static StreamProblem tooOld(long lastEventId, Duration retention) {
        return of(
                HttpStatus.GONE,
                "Last-Event-ID too old",
                "alerts after " + lastEventId + " are older than the stream's replay window (" + retention + "); "
                        + RELOAD);
    }

    private static StreamProblem of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create("/alerts/stream"));
        return new StreamProblem(problem);
    }
}
