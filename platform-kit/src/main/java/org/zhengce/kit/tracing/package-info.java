/**
 * The W3C trace context of an event as it crosses the platform's hops (ADR 0023): read from and written to Kafka
 * record headers, kept with an outbox row or a ledger row until the relay sends it, and handed to a reactive write
 * through the Reactor context.
 */
@NullMarked
package org.zhengce.kit.tracing;

import org.jspecify.annotations.NullMarked;
