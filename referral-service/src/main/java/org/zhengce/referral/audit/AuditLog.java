package org.zhengce.referral.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The append-only audit log (table {@code audit_log}, whose trigger refuses update, delete and truncate): every
 * read and change of a case, allowed or refused, by whom, when, from which jurisdiction.
 */
@Service
public class AuditLog {

    private final DatabaseClient db;
    private final Clock clock;

    AuditLog(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records an attempt by {@code caller}; joins the caller's transaction when there is one. */
    public Mono<Void> record(
            Caller<Role> caller,
            AuditAction action,
            @Nullable UUID caseId,
            @Nullable String communityCode,
            boolean allowed,
            @Nullable String detail) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("insert into audit_log (at, actor, actor_roles,"
                        + " actor_jurisdictions, action, case_id, community_code, outcome, detail)"
                        + " values (:at, :actor, :roles, :jurisdictions, :action, :caseId, :community, :outcome,"
                        + " :detail)")
                .bind("at", clock.instant())
                .bind("actor", caller.userId())
                .bind("roles", caller.roles().stream().map(Enum::name).sorted().toArray(String[]::new))
                .bind("jurisdictions", caller.jurisdictions().toArray(String[]::new))
                .bind("action", action.name())
                .bind("outcome", allowed ? "ALLOWED" : "REFUSED");
        insert = caseId == null ? insert.bindNull("caseId", UUID.class) : insert.bind("caseId", caseId);
        insert = communityCode == null
                ? insert.bindNull("community", String.class)
                : insert.bind("community", communityCode);
        insert = detail == null ? insert.bindNull("detail", String.class) : insert.bind("detail", detail);
        return insert.then();
    }

    /** The entries about {@code caseId}, oldest first. */
    public Flux<AuditEntry> entriesFor(UUID caseId) {
        return db.sql("select * from audit_log where case_id = :caseId order by id")
                .bind("caseId", caseId)
                .map(row -> new AuditEntry(
                        Objects.requireNonNull(row.get("at", Instant.class)),
                        Objects.requireNonNull(row.get("actor", String.class)),
                        strings(row.get("actor_roles", String[].class)),
                        strings(row.get("actor_jurisdictions", String[].class)),
                        AuditAction.valueOf(row.get("action", String.class)),
                        row.get("case_id", UUID.class),
                        row.get("community_code", String.class),
                        "ALLOWED".equals(row.get("outcome", String.class)),
                        row.get("detail", String.class)))
                .all();
    }

    private static List<String> strings(String @Nullable [] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
