package org.zhengce.kit.outbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An outbox row claimed by the relay.
 *
 * @param topic the row's topic, when its table routes by columns ({@link OutboxTable#routedByColumns()})
 * @param key the row's record key, likewise
 * @param event the event in Avro's single-object encoding
 * @param maybeSent it was claimed before and never marked sent: it may be on Kafka already
 * @param traceparent the W3C trace context of what wrote the row, when its table keeps one (ADR 0023)
 */
public record OutboxRow(
        UUID eventId,
        long position,
        @Nullable String topic,
        @Nullable String key,
        Instant createdAt,
        byte[] event,
        boolean maybeSent,
        @Nullable String traceparent) {}
