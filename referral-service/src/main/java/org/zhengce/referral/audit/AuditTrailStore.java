package org.zhengce.referral.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.schemas.identity.IdentityNumbers;
import reactor.core.publisher.Flux;

/**
 * Reads the kit's {@code audit_trail} table (the kit's {@code AuditTrail} only reads one subject's rows, oldest
 * first, or the latest rows of all): the entries a query asks for, newest first, within a reader's scope.
 */
@Repository
class AuditTrailStore {

    private static final String COLUMNS = "seq, at, actor, actor_roles, actor_jurisdictions, action, subject,"
            + " subject_id, jurisdiction, outcome, detail";

    private final DatabaseClient db;

    AuditTrailStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The entries matching {@code query} in {@code areas} (null: everywhere, every subject; else only case entries
     * whose community is under one of these codes), newest first, before position {@code before} (null: from the
     * newest), at most {@code limit}.
     */
    Flux<AuditTrailEntry> find(AuditTrailQuery query, @Nullable List<String> areas, @Nullable Long before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_trail where true");
        Map<String, Object> values = new LinkedHashMap<>();
        if (areas != null) {
            sql.append(" and subject = '" + AuditLog.CASE + "' and jurisdiction like any(:areas::text[])");
            values.put("areas", prefixes(areas));
        }
        if (query.caseId() != null) {
            sql.append(" and subject = '" + AuditLog.CASE + "' and subject_id = :caseId");
            values.put("caseId", query.caseId().toString());
        }
        if (query.user() != null) {
            sql.append(" and actor = :user");
            values.put("user", query.user());
        }
        if (query.from() != null) {
            sql.append(" and at >= :from");
            values.put("from", query.from());
        }
        if (query.to() != null) {
            sql.append(" and at < :to");
            values.put("to", query.to());
        }
        if (before != null) {
            sql.append(" and seq < :before");
            values.put("before", before);
        }
        sql.append(" order by seq desc limit :limit");
        values.put("limit", limit);
        return db.sql(sql.toString())
                .bindValues(values)
                .map(row -> {
                    String detail = row.get("detail", String.class);
                    return new AuditTrailEntry(
                            Objects.requireNonNull(row.get("seq", Long.class)),
                            Objects.requireNonNull(row.get("at", Instant.class)),
                            Objects.requireNonNull(row.get("actor", String.class)),
                            strings(row.get("actor_roles", String[].class)),
                            strings(row.get("actor_jurisdictions", String[].class)),
                            Objects.requireNonNull(row.get("action", String.class)),
                            Objects.requireNonNull(row.get("subject", String.class)),
                            row.get("subject_id", String.class),
                            row.get("jurisdiction", String.class),
                            Objects.requireNonNull(row.get("outcome", String.class)),
                            detail == null ? null : IdentityNumbers.maskAllIn(detail));
                })
                .all();
    }

    /**
     * A community the trail places case {@code caseId} in that is outside {@code areas}, if any (a case's entries
     * name its community; the trail is read, not the cases' table, which the audit feature does not reach into).
     */
    Flux<String> communitiesOutside(String caseId, List<String> areas) {
        return db.sql("select distinct jurisdiction from audit_trail where subject = '" + AuditLog.CASE + "'"
                        + " and subject_id = :caseId and jurisdiction is not null"
                        + " and not (jurisdiction like any(:areas::text[]))")
                .bind("caseId", caseId)
                .bind("areas", prefixes(areas))
                .map(row -> Objects.requireNonNull(row.get("jurisdiction", String.class)))
                .all();
    }

    private static String[] prefixes(List<String> areas) {
        return areas.stream().map(area -> area + "%").toArray(String[]::new);
    }

    private static List<String> strings(String @Nullable [] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
