package org.zhengce.intake.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.intake.validation.Violation;

/**
 * A rejected event as kept for inspection: why, from whom, when, and the payload with identity numbers masked.
 *
 * @param maskedPayload the payload as received with identity numbers masked: JSON text, or {@code base64:...} for
 *     an Avro record that cannot be rendered; for a payload that could not be parsed at all only
 *     {@code sealed only: unparsable <format> payload of <n> bytes} (no readable copy; replay opens the sealed bytes)
 * @param replayOutcome after a replay: accepted, duplicate, rejected (see {@code replayRejectionId}), conflict or
 *     pending
 */
public record RejectedEvent(
        UUID id,
        String department,
        @Nullable String eventId,
        @Nullable String eventType,
        Channel channel,
        String sourceRef,
        Instant rejectedAt,
        List<Violation> violations,
        String maskedPayload,
        PayloadFormat payloadFormat,
        @Nullable Instant replayedAt,
        @Nullable String replayOutcome,
        @Nullable UUID replayRejectionId) {

    public RejectedEvent {
        violations = List.copyOf(violations);
    }
}
