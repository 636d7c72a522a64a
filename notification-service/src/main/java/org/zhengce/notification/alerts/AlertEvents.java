package org.zhengce.notification.alerts;

import java.time.Instant;
import java.util.UUID;
import org.zhengce.events.AlertAcknowledged;
import org.zhengce.events.AlertChannel;
import org.zhengce.events.AlertDelivered;
import org.zhengce.events.AlertEscalated;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.AlertFailed;

/**
 * The events of {@code alert.events}, keyed by case id, each with a deterministic id: the same fact recorded twice
 * (a retried transaction) is the same event.
 */
public final class AlertEvents {

    private AlertEvents() {}

    public static AlertEvent delivered(AlertRef alert, AlertChannel channel, UUID deliveryId, int attempt, Instant at) {
        return event(
                Ids.of("delivered", deliveryId.toString()),
                alert,
                channel,
                at,
                AlertDelivered.newBuilder().setAttempt(attempt).build());
    }

    public static AlertEvent failed(
            AlertRef alert,
            AlertChannel channel,
            UUID deliveryId,
            int attempts,
            String reason,
            boolean willRetry,
            Instant at) {
        return event(
                Ids.of("failed", deliveryId.toString(), Integer.toString(attempts), Boolean.toString(willRetry)),
                alert,
                channel,
                at,
                AlertFailed.newBuilder()
                        .setReason(reason)
                        .setAttempts(attempts)
                        .setWillRetry(willRetry)
                        .build());
    }

    static AlertEvent acknowledged(AlertView alert, String note, Instant at) {
        return event(
                Ids.of("acknowledged", alert.id().toString()),
                AlertRef.of(alert),
                AlertChannel.CONSOLE,
                at,
                AlertAcknowledged.newBuilder()
                        .setNote(note.isEmpty() ? null : note)
                        .build());
    }

    static AlertEvent escalated(AlertView alert, String escalatedTo, int unacknowledgedMinutes, Instant at) {
        return event(
                Ids.of("escalated", alert.id().toString()),
                AlertRef.of(alert),
                AlertChannel.CONSOLE,
                at,
                AlertEscalated.newBuilder()
                        .setEscalatedTo(escalatedTo)
                        .setUnacknowledgedMinutes(unacknowledgedMinutes)
                        .build());
    }

    private static AlertEvent event(UUID id, AlertRef alert, AlertChannel channel, Instant at, Object fact) {
        return AlertEvent.newBuilder()
                .setEventId(id.toString())
                .setAlertId(alert.alertId().toString())
                .setCaseId(alert.caseId().toString())
                .setUserId(alert.recipient())
                .setChannel(channel)
                .setOccurredAt(at)
                .setFact(fact)
                .build();
    }

    /** What an alert event names of its alert. */
    public record AlertRef(UUID alertId, UUID caseId, String recipient) {

        static AlertRef of(AlertView alert) {
            return new AlertRef(alert.id(), alert.caseId(), alert.recipient());
        }
    }
}
