package org.zhengce.notification.alerts;

/** Why an alert was escalated to the supervisor above its recipient. */
public enum EscalationCause {
    /** Not acknowledged within its time. */
    UNACKNOWLEDGED,
    /** A webhook delivery failed for good (4xx, or retried until the give-up time). */
    UNDELIVERABLE;

    AlertKind kind() {
        return this == UNACKNOWLEDGED ? AlertKind.UNACKNOWLEDGED : AlertKind.UNDELIVERABLE;
    }
}
