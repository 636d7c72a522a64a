package org.zhengce.kit.outbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record set aside by a relay because it can never be sent as it is (too large for Kafka, not serialisable, a topic
 * the service may not write): never retried until an operator releases it.
 *
 * @param outbox what the relay publishes ({@code case.events}, {@code household.events})
 * @param id the record's id in its outbox (the event id)
 * @param orderedBy what its events are ordered by (a case id, a household pseudonym)
 * @param createdAt when the record was written to the outbox
 * @param quarantinedAt when it was set aside
 * @param reason why, as the send failed
 * @param heldBack how many later records of the same {@code orderedBy} wait behind it (they keep their order)
 */
public record QuarantinedRecord(
        String outbox,
        String id,
        @Nullable String orderedBy,
        Instant createdAt,
        Instant quarantinedAt,
        String reason,
        long heldBack) {}
