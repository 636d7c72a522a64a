package org.zhengce.referral.worklists;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.Urgency;
import reactor.core.publisher.Flux;

/**
 * Finds the open cases of a worklist in {@code cases} (the cases feature's table, read here as statistics reads
 * it): the most urgent first ({@code SOLVE_NOW}, {@code IN_STAGES}, {@code LONG_TERM}, unknown), then the earliest
 * deadline (none last), then the case id; a page after the position of the previous page's last case.
 */
@Repository
class WorklistStore {

    private static final String RANK =
            "(case c.urgency when 'SOLVE_NOW' then 0 when 'IN_STAGES' then 1 when 'LONG_TERM' then 2 else 3 end)";
    private static final String DUE = "coalesce(c.due_at, 'infinity'::timestamptz)";
    private static final String ESCALATED = "(c.overdue_escalated_at is not null or c.owner_role = 'SUPERVISOR')";
    private static final String INFINITY = "infinity";

    private final DatabaseClient db;

    WorklistStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * What to look for: open cases in communities under one of {@code areas} (code prefixes), and, when given, of
     * one owner, one community, one stage, overdue or not at {@code now}, escalated, waiting for approval.
     */
    record Query(
            List<String> areas,
            @Nullable String owner,
            @Nullable String community,
            @Nullable String stage,
            @Nullable Boolean overdue,
            @Nullable WorklistFilter filter,
            Instant now) {}

    /** A case found, with its sort key. */
    record Row(
            UUID id,
            Urgency urgency,
            @Nullable Instant dueAt,
            @Nullable String planStatus,
            boolean escalated) {

        /** The sort key, as a cursor keeps it: urgency rank, deadline ({@code infinity} for none), id. */
        List<String> position() {
            return List.of(Integer.toString(rank(urgency)), dueAt == null ? INFINITY : dueAt.toString(), id.toString());
        }
    }

    /** Where a page starts: after the case with this sort key. */
    record Position(int rank, String due, UUID id) {

        static Position of(List<String> parts) {
            String due = parts.get(1);
            return new Position(
                    Integer.parseInt(parts.get(0)),
                    due.equals(INFINITY) ? INFINITY : Instant.parse(due).toString(),
                    UUID.fromString(parts.get(2)));
        }
    }

    Flux<Row> find(Query query, @Nullable Position after, int limit) {
        StringBuilder sql = new StringBuilder("select c.id, c.urgency, c.due_at, p.status as plan_status, "
                + ESCALATED + " as escalated from cases c left join lateral (select status from case_plans"
                + " where case_id = c.id order by version desc limit 1) p on true"
                + " where c.status = 'OPEN' and c.community_code like any(:areas::text[])");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("areas", query.areas().stream().map(area -> area + "%").toArray(String[]::new));
        if (query.owner() != null) {
            sql.append(" and c.owner_id = :owner");
            values.put("owner", query.owner());
        }
        if (query.community() != null) {
            sql.append(" and c.community_code = :community");
            values.put("community", query.community());
        }
        if (query.stage() != null) {
            sql.append(" and c.stage = :stage");
            values.put("stage", query.stage());
        }
        boolean overdue = Boolean.TRUE.equals(query.overdue()) || query.filter() == WorklistFilter.OVERDUE;
        if (overdue) {
            sql.append(" and c.due_at < :now");
            values.put("now", query.now());
        } else if (Boolean.FALSE.equals(query.overdue())) {
            sql.append(" and (c.due_at is null or c.due_at >= :now)");
            values.put("now", query.now());
        }
        if (query.filter() == WorklistFilter.ESCALATED) {
            sql.append(" and ").append(ESCALATED);
        }
        if (query.filter() == WorklistFilter.APPROVAL) {
            sql.append(" and p.status = 'PENDING_APPROVAL'");
        }
        if (after != null) {
            sql.append(" and (" + RANK + ", " + DUE + ", c.id) > (:rank, cast(:due as timestamptz), :after)");
            values.put("rank", after.rank());
            values.put("due", after.due());
            values.put("after", after.id());
        }
        sql.append(" order by " + RANK + ", " + DUE + ", c.id limit :limit");
        values.put("limit", limit);
        return db.sql(sql.toString())
                .bindValues(values)
                .map(row -> new Row(
                        Objects.requireNonNull(row.get("id", UUID.class)),
                        Urgency.valueOf(row.get("urgency", String.class)),
                        row.get("due_at", Instant.class),
                        row.get("plan_status", String.class),
                        Boolean.TRUE.equals(row.get("escalated", Boolean.class))))
                .all();
    }

    /** The order of urgencies on a worklist, as the query's {@code RANK}. */
    static int rank(Urgency urgency) {
        return switch (urgency) {
            case SOLVE_NOW -> 0;
            case IN_STAGES -> 1;
            case LONG_TERM -> 2;
            case UNKNOWN -> 3;
        };
    }
}
