/**
 * The transactional outbox (ADR 0005): events are written to a service's outbox table in the transaction that
 * changes its state, and the {@link org.zhengce.kit.outbox.OutboxRelay} publishes them to Kafka, in order per
 * aggregate, at least once and, across a crash, without duplicates.
 */
@NullMarked
package org.zhengce.kit.outbox;

import org.jspecify.annotations.NullMarked;
