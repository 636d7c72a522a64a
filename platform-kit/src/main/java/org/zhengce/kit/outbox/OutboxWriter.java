package org.zhengce.kit.outbox;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.kit.tracing.TraceParent;
import reactor.core.publisher.Mono;

/**
 * Appends events to an outbox table inside the caller's transaction, in one statement, in the order given. Its
 * times are the wall clock's, not the domain clock's: they become Kafka record timestamps, which the broker checks
 * against its own clock. A table that keeps trace context ({@link OutboxTable#traced()}) gets the traceparent the
 * Reactor context holds ({@link TraceParent#in}), the same for every row of the call.
 */
public final class OutboxWriter<E> {

    private static final HexFormat HEX = HexFormat.of();

    private final DatabaseClient db;
    private final OutboxTable table;
    private final Clock clock;
    private final Function<E, String> eventId;
    private final Function<E, String> caseId;
    private final Function<E, byte[]> encoding;

    /**
     * A writer of {@code table}: each event's {@code eventId} (a UUID) is its key there (an event added twice is
     * kept once), its {@code caseId} (a UUID) the aggregate whose events stay in order and, for a table routed by
     * columns, the record key (the topic being the column's default); {@code encoding} the event's bytes as the
     * relay decodes them.
     */
    public OutboxWriter(
            DatabaseClient db,
            OutboxTable table,
            Clock clock,
            Function<E, String> eventId,
            Function<E, String> caseId,
            Function<E, byte[]> encoding) {
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.eventId = eventId;
        this.caseId = caseId;
        this.encoding = encoding;
    }

    /** Adds {@code events} to the outbox in one statement, inside the caller's transaction. */
    public Mono<Void> append(List<E> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        String[] ids = new String[events.size()];
        String[] cases = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i);
            ids[i] = UUID.fromString(eventId.apply(event)).toString();
            cases[i] = UUID.fromString(caseId.apply(event)).toString();
            payloads[i] = HEX.formatHex(encoding.apply(event));
        }
        String keyColumn = table.routedByColumns() ? ", record_key" : "";
        String key = table.routedByColumns() ? " c," : "";
        return Mono.deferContextual(context -> {
            // the trace context of what wrote the rows, when the table keeps it and the writer was given one
            String traceparent = table.traced() ? TraceParent.from(context).orElse(null) : null;
            String traceColumn = traceparent != null ? ", traceparent" : "";
            String trace = traceparent != null ? ", :traceparent" : "";
            DatabaseClient.GenericExecuteSpec insert = db.sql("insert into " + table.name() + " (event_id, case_id"
                            + keyColumn + ", created_at, event" + traceColumn + ")"
                            + " select i::uuid, c::uuid," + key + " :at, decode(p, 'hex')" + trace
                            + " from unnest(:ids::text[], :cases::text[], :payloads::text[]) with ordinality as u(i, c,"
                            + " p, n) order by n on conflict (event_id) do nothing")
                    .bind("at", clock.instant())
                    .bind("ids", ids)
                    .bind("cases", cases)
                    .bind("payloads", payloads);
            if (traceparent != null) {
                insert = insert.bind("traceparent", traceparent);
            }
            return insert.then();
        });
    }
}
