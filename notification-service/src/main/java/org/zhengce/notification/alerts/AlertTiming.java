package org.zhengce.notification.alerts;

import java.time.Duration;
import java.time.Instant;
import org.zhengce.events.Urgency;

/**
 * When an alert must be acknowledged and when its SMS or push may go: urgent cases ({@code SOLVE_NOW}) at once and
 * with the shorter acknowledgement time; others wait out the quiet hours, and their acknowledgement time starts when
 * the quiet hours end.
 */
public record AlertTiming(QuietHours quietHours, Duration acknowledgeWithin, Duration acknowledgeWithinUrgent) {

    public static boolean urgent(String urgency) {
        return Urgency.SOLVE_NOW.name().equals(urgency);
    }

    public Instant acknowledgeBy(Instant raisedAt, String urgency) {
        if (urgent(urgency)) {
            return raisedAt.plus(acknowledgeWithinUrgent);
        }
        return quietHours.nextAllowed(raisedAt).plus(acknowledgeWithin);
    }

    /** The earliest time a webhook delivery of an alert of {@code urgency} may be attempted at or after {@code at}. */
    public Instant sendableAt(Instant at, String urgency) {
        return urgent(urgency) ? at : quietHours.nextAllowed(at);
    }
}
