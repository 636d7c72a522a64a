package org.zhengce.notification.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.events.AlertEvent;
import org.zhengce.schemas.serde.GeneratedClassTrust;
import reactor.core.publisher.Mono;

/**
 * The outbox of {@code alert.events} (as referral's, ADR 0005): alert events are written here in the transaction
 * that changes the alert, and the relay publishes them, keyed by case id, in the order they were written. Its times
 * are the system clock's, not the domain clock's: they are Kafka record timestamps and claim bookkeeping.
 */
public class AlertEventOutbox {

    private static final HexFormat HEX = HexFormat.of();

    private final DatabaseClient db;
    private final Clock clock;

    AlertEventOutbox(DatabaseClient db, Clock systemClock) {
        this.db = db;
        this.clock = systemClock;
    }

    /**
     * Adds {@code events} to the outbox in one statement, inside the caller's transaction. Each event's
     * {@code eventId} (a UUID) is its key here: an event added twice is kept once.
     */
    public Mono<Void> append(List<AlertEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        String[] ids = new String[events.size()];
        String[] cases = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            AlertEvent event = events.get(i);
            ids[i] = UUID.fromString(event.getEventId()).toString();
            cases[i] = UUID.fromString(event.getCaseId()).toString();
            payloads[i] = HEX.formatHex(encode(event));
        }
        return db.sql("insert into alert_outbox (event_id, case_id, created_at, event)"
                        + " select i::uuid, c::uuid, :at, decode(p, 'hex')"
                        + " from unnest(:ids::text[], :cases::text[], :payloads::text[]) with ordinality as u(i, c, p, n)"
                        + " order by n on conflict (event_id) do nothing")
                .bind("at", clock.instant())
                .bind("ids", ids)
                .bind("cases", cases)
                .bind("payloads", payloads)
                .then();
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
