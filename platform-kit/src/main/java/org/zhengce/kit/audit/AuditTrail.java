package org.zhengce.kit.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's audit trail (table {@code audit_trail}, made by {@link AuditTrailMigration}) over its R2DBC connection.
 * An append joins the caller's transaction when there is one; it takes the next position from the chain head row,
 * whose lock serialises writers until their transaction ends, so the chain is one sequence with no gap. As a bean it
 * checks at start-up that the connection's role may only insert and select rows (see {@link #requireInsertOnly}).
 */
public class AuditTrail implements ApplicationRunner {

    // The head moves to the next position and hashes the row (SET reads the head's values before the update), the
    // row is written with both hashes, in one statement: no window between reading the head and writing the row.
    private static final String APPEND = "with link as (update audit_chain_head set seq = seq + 1,"
            + " previous_hash = hash, hash = sha256(hash || int8send(seq + 1) || :content) where id = 1"
            + " returning seq, previous_hash, hash)"
            + " insert into audit_trail (" + AuditTrailRow.COLUMNS + ")"
            + " select link.seq, :at, :actor, :roles, :jurisdictions, :action, :subject, :subjectId, :jurisdiction,"
            + " :outcome, :detail, link.previous_hash, link.hash from link";

    /** {@link #APPEND} with JDBC's positional parameters, in the same order. */
    static final String APPEND_JDBC = APPEND.replaceAll(":[a-zA-Z]+", "?");

    private final DatabaseClient db;

    public AuditTrail(DatabaseClient db) {
        this.db = db;
    }

    /** Appends {@code record} at the end of the chain. */
    public Mono<Void> append(AuditRecord record) {
        DatabaseClient.GenericExecuteSpec insert = db.sql(APPEND)
                .bind("content", AuditChain.content(record))
                .bind("at", record.at())
                .bind("actor", record.actor())
                .bind("roles", record.actorRoles().toArray(String[]::new))
                .bind("jurisdictions", record.actorJurisdictions().toArray(String[]::new))
                .bind("action", record.action())
                .bind("subject", record.subject())
                .bind("outcome", record.allowed() ? "ALLOWED" : "REFUSED");
        insert = bindText(insert, "subjectId", record.subjectId());
        insert = bindText(insert, "jurisdiction", record.jurisdiction());
        insert = bindText(insert, "detail", record.detail());
        return insert.fetch()
                .rowsUpdated()
                .flatMap(rows -> rows == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("the audit trail has no chain head row")));
    }

    /** The records about one subject ({@code case}, its id), oldest first. */
    public Flux<AuditRecord> about(String subject, String subjectId) {
        return db.sql("select " + AuditTrailRow.COLUMNS + " from audit_trail where subject = :subject"
                        + " and subject_id = :subjectId order by seq")
                .bind("subject", subject)
                .bind("subjectId", subjectId)
                .map(row -> AuditTrailRow.recordOf(row::get))
                .all();
    }

    /**
     * The position of the last row appended (0 for none): with the head's hash, what to copy where the database's
     * owner cannot write, so that a chain rewritten from an edited row onward is found too (ADR 0013).
     */
    public Mono<Long> length() {
        return db.sql("select seq from audit_chain_head where id = 1")
                .map(row -> Objects.requireNonNull(row.get("seq", Long.class)))
                .one();
    }

    /** The {@code limit} latest records, newest first. */
    public Flux<AuditRecord> latest(int limit) {
        return db.sql("select " + AuditTrailRow.COLUMNS + " from audit_trail order by seq desc limit :limit")
                .bind("limit", limit)
                .map(row -> AuditTrailRow.recordOf(row::get))
                .all();
    }

    /** Walks the whole chain, in order; reports the first removed, inserted or edited row. */
    public Mono<AuditVerification> verify() {
        return Mono.defer(() -> {
            ChainWalk walk = new ChainWalk();
            return db.sql("select " + AuditTrailRow.COLUMNS + " from audit_trail order by seq")
                    .map(row -> AuditTrailRow.from(row::get))
                    .all()
                    .takeWhile(walk::accept)
                    .then(db.sql("select seq, hash from audit_chain_head where id = 1")
                            .map(row -> walk.finish(
                                    Objects.requireNonNull(row.get("seq", Long.class)),
                                    Objects.requireNonNull(row.get("hash", byte[].class))))
                            .one())
                    .switchIfEmpty(Mono.error(
                            new IllegalStateException("the audit trail has no chain head row: it was removed")));
        });
    }

    /**
     * Fails unless the connection's role may only insert and select audit rows: it may not update, delete or
     * truncate them, and neither owns the table (an owner may drop its trigger or grant itself anything) nor is a
     * superuser. Migrations run under the owner role, the service under a runtime role (README, ADR 0013).
     */
    public Mono<Void> requireInsertOnly() {
        return db.sql("select current_user as runtime,"
                        + " has_table_privilege('audit_trail', 'UPDATE') as can_update,"
                        + " has_table_privilege('audit_trail', 'DELETE') as can_delete,"
                        + " has_table_privilege('audit_trail', 'TRUNCATE') as can_truncate,"
                        + " pg_has_role(c.relowner, 'USAGE') as owns"
                        + " from pg_class c where c.oid = 'audit_trail'::regclass")
                .map(row -> {
                    StringBuilder may = new StringBuilder();
                    for (String power : new String[] {"can_update", "can_delete", "can_truncate", "owns"}) {
                        if (Boolean.TRUE.equals(row.get(power, Boolean.class))) {
                            may.append(may.isEmpty() ? "" : ", ").append(power.replace('_', ' '));
                        }
                    }
                    return may.isEmpty()
                            ? ""
                            : "database role " + row.get("runtime", String.class) + " " + may
                                    + " the audit trail; run the service as a role that may only insert and select"
                                    + " its rows (spring.r2dbc.username), migrations as the owner"
                                    + " (spring.flyway.user)";
                })
                .one()
                .flatMap(refusal ->
                        refusal.isEmpty() ? Mono.<Void>empty() : Mono.error(new IllegalStateException(refusal)));
    }

    /** At start-up, after the migrations: the runtime role's check. */
    @Override
    public void run(ApplicationArguments args) {
        requireInsertOnly().block();
    }

    private static DatabaseClient.GenericExecuteSpec bindText(
            DatabaseClient.GenericExecuteSpec spec, String name, @Nullable String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
