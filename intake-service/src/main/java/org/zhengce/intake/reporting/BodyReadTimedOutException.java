package org.zhengce.intake.reporting;

import java.time.Duration;

/** A request body that did not arrive within the read time-out ({@code intake.limits.read-timeout}): 408. */
class BodyReadTimedOutException extends RuntimeException {

    BodyReadTimedOutException(Duration readTimeout) {
        super("the request body did not arrive within " + readTimeout.toSeconds()
                + " s (intake.limits.read-timeout); send it again without pausing");
    }
}
