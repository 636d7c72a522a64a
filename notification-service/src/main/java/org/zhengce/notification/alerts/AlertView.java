package org.zhengce.notification.alerts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An alert as its recipient sees it (inbox, stream).
 *
 * @param sequence the recipient's own increasing number: the SSE event id
 * @param acknowledgeBy escalates when not acknowledged by then; null: never
 * @param escalatedFrom for an escalation, the alert that was not acknowledged or not delivered
 */
public record AlertView(
        UUID id,
        long sequence,
        String recipient,
        UUID caseId,
        String communityCode,
        String urgency,
        AlertKind kind,
        String detail,
        Instant createdAt,
        @Nullable Instant acknowledgeBy,
        @Nullable Instant readAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant escalatedAt,
        @Nullable UUID escalatedFrom) {}
