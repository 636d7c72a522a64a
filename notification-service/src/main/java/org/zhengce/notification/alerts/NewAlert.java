package org.zhengce.notification.alerts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An alert to raise; {@code sourceId} and {@code recipient} make it unique (a second one is not raised). */
record NewAlert(
        UUID sourceId,
        String recipient,
        UUID caseId,
        String communityCode,
        String urgency,
        AlertKind kind,
        String detail,
        Instant createdAt,
        @Nullable Instant acknowledgeBy,
        @Nullable UUID escalatedFrom) {

    /** The alert's id: a name-based UUID of its source and recipient. */
    UUID id() {
        return Ids.of("alert", sourceId.toString(), recipient);
    }
}
