package org.zhengce.referral.complaints;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.events.ComplaintSubject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code complaints} table (V20). */
@Repository
class ComplaintStore {

    private static final String COLUMNS = "id, case_id, community_code, category, subject, decision_id, person_id,"
            + " complainant_id, on_behalf_of_household, description, handlers, handler_level, status, filed_at,"
            + " acknowledge_by, resolve_by, acknowledged_at, acknowledged_by, resolved_at, resolved_by, outcome,"
            + " outcome_note, acknowledgement_escalated_at, resolution_escalated_at, version";

    private final DatabaseClient db;

    ComplaintStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(Complaint complaint) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("insert into complaints (id, case_id, community_code,"
                        + " category, subject, decision_id, person_id, complainant_id, on_behalf_of_household,"
                        + " description, handlers, handler_level, status, filed_at, acknowledge_by, resolve_by,"
                        + " version) values (:id, :case, :community, :category, :subject, :decision, :person,"
                        + " :complainant, :onBehalf, :description, :handlers, :level, :status, :filedAt,"
                        + " :acknowledgeBy, :resolveBy, :version)")
                .bind("id", complaint.id())
                .bind("case", complaint.caseId())
                .bind("community", complaint.communityCode())
                .bind("category", complaint.category().name())
                .bind("subject", complaint.subject().name())
                .bind("complainant", complaint.complainantId())
                .bind("onBehalf", complaint.onBehalfOfHousehold())
                .bind("description", complaint.description())
                .bind("handlers", complaint.handlers().toArray(String[]::new))
                .bind("level", complaint.handlerLevel())
                .bind("status", complaint.status().name())
                .bind("filedAt", complaint.filedAt())
                .bind("acknowledgeBy", complaint.acknowledgeBy())
                .bind("resolveBy", complaint.resolveBy())
                .bind("version", complaint.version());
        insert = nullable(insert, "decision", complaint.decisionId());
        insert = nullable(insert, "person", complaint.personId());
        return insert.then();
    }

    /** Writes what a change moved: the stage, who acknowledged or resolved it, escalations, the version. */
    Mono<Void> update(Complaint complaint) {
        DatabaseClient.GenericExecuteSpec update = db.sql("update complaints set status = :status, handler_level ="
                        + " :level, acknowledged_at = :acknowledgedAt, acknowledged_by = :acknowledgedBy,"
                        + " resolved_at = :resolvedAt, resolved_by = :resolvedBy, outcome = :outcome, outcome_note ="
                        + " :note, acknowledgement_escalated_at = :ackEscalated, resolution_escalated_at ="
                        + " :resolveEscalated, version = :version where id = :id")
                .bind("id", complaint.id())
                .bind("status", complaint.status().name())
                .bind("level", complaint.handlerLevel())
                .bind("version", complaint.version());
        update = nullable(update, "acknowledgedAt", complaint.acknowledgedAt(), Instant.class);
        update = nullable(update, "acknowledgedBy", complaint.acknowledgedBy());
        update = nullable(update, "resolvedAt", complaint.resolvedAt(), Instant.class);
        update = nullable(update, "resolvedBy", complaint.resolvedBy());
        update = nullable(
                update,
                "outcome",
                complaint.outcome() == null ? null : complaint.outcome().name());
        update = nullable(update, "note", complaint.outcomeNote());
        update = nullable(update, "ackEscalated", complaint.acknowledgementEscalatedAt(), Instant.class);
        update = nullable(update, "resolveEscalated", complaint.resolutionEscalatedAt(), Instant.class);
        return update.then();
    }

    /** The complaint, locked until the caller's transaction ends when {@code lock}; empty when unknown. */
    Mono<Complaint> find(UUID id, boolean lock) {
        return db.sql("select " + COLUMNS + " from complaints where id = :id" + (lock ? " for update" : ""))
                .bind("id", id)
                .map(ComplaintStore::complaint)
                .one();
    }

    /** The complaints {@code userId} filed or handles, newest first. */
    Flux<Complaint> of(String userId, int limit) {
        return db.sql("select " + COLUMNS
                        + " from complaints where complainant_id = :user or handlers @> array[cast(:user as text)]"
                        + " order by filed_at desc, id limit :limit")
                .bind("user", userId)
                .bind("limit", limit)
                .map(ComplaintStore::complaint)
                .all()
                .filter(complaint -> complaint.isVisibleTo(userId));
    }

    /** Up to {@code limit} unresolved complaints with a deadline past at {@code now} and not escalated yet. */
    Flux<UUID> overdue(Instant now, int limit) {
        return db.sql("select id from complaints where status <> 'RESOLVED' and ((status = 'FILED' and"
                        + " acknowledgement_escalated_at is null and acknowledge_by < :now) or"
                        + " (resolution_escalated_at is null and resolve_by < :now)) order by filed_at, id"
                        + " limit :limit")
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> Objects.requireNonNull(row.get("id", UUID.class)))
                .all();
    }

    private static Complaint complaint(Readable row) {
        String outcome = row.get("outcome", String.class);
        String[] handlers = Objects.requireNonNull(row.get("handlers", String[].class), "handlers");
        return new Complaint(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("case_id", UUID.class)),
                text(row, "community_code"),
                ComplaintCategory.valueOf(text(row, "category")),
                ComplaintSubject.valueOf(text(row, "subject")),
                row.get("decision_id", String.class),
                row.get("person_id", String.class),
                text(row, "complainant_id"),
                Boolean.TRUE.equals(row.get("on_behalf_of_household", Boolean.class)),
                text(row, "description"),
                Arrays.asList(handlers),
                Objects.requireNonNull(row.get("handler_level", Integer.class)),
                ComplaintStatus.valueOf(text(row, "status")),
                instant(row, "filed_at"),
                instant(row, "acknowledge_by"),
                instant(row, "resolve_by"),
                row.get("acknowledged_at", Instant.class),
                row.get("acknowledged_by", String.class),
                row.get("resolved_at", Instant.class),
                row.get("resolved_by", String.class),
                outcome == null ? null : ComplaintOutcome.valueOf(outcome),
                row.get("outcome_note", String.class),
                row.get("acknowledgement_escalated_at", Instant.class),
                row.get("resolution_escalated_at", Instant.class),
                Objects.requireNonNull(row.get("version", Integer.class)));
    }

    private static String text(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class), column);
    }

    private static Instant instant(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, Instant.class), column);
    }

    private static DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable String value) {
        return nullable(spec, name, value, String.class);
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
