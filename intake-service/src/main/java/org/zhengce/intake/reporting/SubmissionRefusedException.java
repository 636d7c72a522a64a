package org.zhengce.intake.reporting;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** A whole CSV file refused before any row is read: wrong encoding, unknown or forbidden type, too large. */
class SubmissionRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final @Nullable UUID submissionId;

    SubmissionRefusedException(HttpStatus status, String title, String detail, @Nullable UUID submissionId) {
        super(detail);
        this.status = status;
        this.title = title;
        this.submissionId = submissionId;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    @Nullable
    UUID submissionId() {
        return submissionId;
    }
}
