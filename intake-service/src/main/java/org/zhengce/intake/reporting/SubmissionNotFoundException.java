package org.zhengce.intake.reporting;

import java.util.UUID;

/** No submission of the caller's department has this id (another department's is not found either). */
class SubmissionNotFoundException extends RuntimeException {
    SubmissionNotFoundException(UUID id) {
        super("no submission " + id);
    }
}
