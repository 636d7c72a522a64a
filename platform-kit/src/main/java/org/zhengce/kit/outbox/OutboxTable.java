package org.zhengce.kit.outbox;

import java.util.regex.Pattern;

/**
 * A service's outbox table. Its columns: {@code event_id} (uuid, the key), {@code position} (the order written),
 * {@code case_id} (the aggregate whose events stay in order), {@code created_at}, {@code event} (bytea),
 * {@code claimed_at}, {@code sent_at}; the relay's bookkeeping of failures, {@code attempts} (integer, default 0),
 * {@code retry_at}, {@code quarantined_at}, {@code quarantine_reason} and {@code released_at}; and, when it serves
 * several topics, {@code topic} and {@code record_key}; when it keeps the trace context of what wrote each row,
 * {@code traceparent} (text, ADR 0023).
 *
 * @param name the table's name
 * @param label what the outbox publishes, in the relay's log lines and errors ({@code alert.events})
 * @param routedByColumns whether each row names its topic and record key ({@code topic}, {@code record_key})
 * @param traced whether each row keeps the W3C trace context of what wrote it ({@code traceparent}), which the relay
 *     sends as the record's header
 */
public record OutboxTable(String name, String label, boolean routedByColumns, boolean traced) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public OutboxTable {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain table name");
        }
    }

    /** A table of one topic's events: the topic and key follow from the event ({@link OutboxRecords}). */
    public static OutboxTable ofOneTopic(String name, String topic) {
        return new OutboxTable(name, topic, false, false);
    }

    /** A table whose rows name their topic and record key. */
    public static OutboxTable routedByColumns(String name, String label) {
        return new OutboxTable(name, label, true, false);
    }

    /** This table, whose rows keep the trace context of what wrote them (a {@code traceparent} text column). */
    public OutboxTable withTraceContext() {
        return new OutboxTable(name, label, routedByColumns, true);
    }
}
