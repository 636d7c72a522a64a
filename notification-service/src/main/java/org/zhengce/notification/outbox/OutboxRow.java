package org.zhengce.notification.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row claimed by the relay.
 *
 * @param maybeSent it was claimed before and never marked sent: it may be on Kafka already
 */
record OutboxRow(UUID eventId, long position, Instant createdAt, byte[] event, boolean maybeSent) {}
