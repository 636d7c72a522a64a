package org.zhengce.notification.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.events.AlertEvent;
import org.zhengce.kit.outbox.OutboxTable;
import org.zhengce.kit.outbox.OutboxWakeUp;
import org.zhengce.kit.outbox.OutboxWriter;
import org.zhengce.schemas.serde.GeneratedClassTrust;
import reactor.core.publisher.Mono;

/**
 * The outbox of {@code alert.events} (as referral's, ADR 0005): alert events are written here in the transaction
 * that changes the alert, and the relay publishes them, keyed by case id, in the order they were written, woken when
 * the transaction commits (ADR 0021). Its times are the system clock's, not the domain clock's: they are Kafka record
 * timestamps and claim bookkeeping.
 */
public class AlertEventOutbox {

    /** The outbox table, of {@code alert.events}; its rows keep the trace context of what wrote them (V8, ADR 0023). */
    public static final OutboxTable TABLE =
            OutboxTable.ofOneTopic("alert_outbox", "alert.events").withTraceContext();

    private final OutboxWriter<AlertEvent> writer;
    private final OutboxWakeUp relay;

    AlertEventOutbox(DatabaseClient db, Clock systemClock, OutboxWakeUp relay) {
        this.writer = new OutboxWriter<>(
                db, TABLE, systemClock, AlertEvent::getEventId, AlertEvent::getCaseId, AlertEventOutbox::encode);
        this.relay = relay;
    }

    /**
     * Adds {@code events} to the outbox in one statement, inside the caller's transaction. Each event's
     * {@code eventId} (a UUID) is its key here: an event added twice is kept once.
     */
    public Mono<Void> append(List<AlertEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        return writer.append(events).then(relay.wakeAfterCommit());
    }

    /** Avro's single-object encoding (schema fingerprint, then the binary), as the outbox keeps it. */
    static byte[] encode(AlertEvent event) {
        try {
            ByteBuffer buffer = event.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AlertEvent decode(byte[] bytes) {
        GeneratedClassTrust.install();
        try {
            return AlertEvent.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
