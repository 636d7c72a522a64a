package org.zhengce.notification.delivery;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.AlertChannel;
import org.zhengce.notification.alerts.AlertEvents;

/**
 * A webhook delivery a dispatcher has claimed, with its alert and endpoint.
 *
 * @param attempts attempts made before this one
 * @param giveUpAt when a failing delivery stops being retried
 * @param traceparent the W3C trace context of the case event that raised the alert (ADR 0023), or null
 */
record DueDelivery(
        UUID id,
        UUID alertId,
        AlertChannel channel,
        String address,
        int attempts,
        Instant giveUpAt,
        String endpointId,
        String url,
        String secret,
        boolean endpointEnabled,
        String recipient,
        UUID caseId,
        String communityCode,
        String urgency,
        String kind,
        String detail,
        Instant raisedAt,
        @Nullable String traceparent) {

    AlertEvents.AlertRef alert() {
        return new AlertEvents.AlertRef(alertId, caseId, recipient);
    }

    @Override
    public String toString() {
        // no secret, no address in logs
        return "delivery " + id + " (" + channel + " via " + endpointId + ", alert " + alertId + ")";
    }
}
