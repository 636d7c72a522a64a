/**
 * The one pipeline every way in (a JSON event, an NDJSON stream, a CSV file, a department topic, a replay) goes
 * through: admission (the sender's terms), validation, pseudonymisation, idempotency, publishing to
 * {@code household.events} and keeping what is rejected. {@link org.zhengce.intake.pipeline.IntakePipeline} is the
 * facade; the ledger (also the outbox), the relay, the rejected-event store and the Kafka writers are internal.
 */
@NullMarked
package org.zhengce.intake.pipeline;

import org.jspecify.annotations.NullMarked;
