package org.zhengce.kit.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A stored row of the trail: its position, its record and the hashes that chain it. */
record AuditTrailRow(long seq, AuditRecord record, byte[] previousHash, byte[] hash) {

    /** The columns, in the order the verify reads them. */
    static final String COLUMNS = "seq, at, actor, actor_roles, actor_jurisdictions, action, subject, subject_id,"
            + " jurisdiction, outcome, detail, previous_hash, hash";

    /** Reads one column of a row as {@code type}: R2DBC's {@code Row::get}, or a JDBC adapter. */
    interface Columns {
        <T> @Nullable T get(String name, Class<T> type);
    }

    static AuditTrailRow from(Columns row) {
        return new AuditTrailRow(
                Objects.requireNonNull(row.get("seq", Long.class)),
                recordOf(row),
                Objects.requireNonNull(row.get("previous_hash", byte[].class)),
                Objects.requireNonNull(row.get("hash", byte[].class)));
    }

    static AuditRecord recordOf(Columns row) {
        return new AuditRecord(
                Objects.requireNonNull(row.get("at", Instant.class)),
                Objects.requireNonNull(row.get("actor", String.class)),
                strings(row.get("actor_roles", String[].class)),
                strings(row.get("actor_jurisdictions", String[].class)),
                Objects.requireNonNull(row.get("action", String.class)),
                Objects.requireNonNull(row.get("subject", String.class)),
                row.get("subject_id", String.class),
                row.get("jurisdiction", String.class),
                "ALLOWED".equals(row.get("outcome", String.class)),
                row.get("detail", String.class));
    }

    private static List<String> strings(String @Nullable [] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
