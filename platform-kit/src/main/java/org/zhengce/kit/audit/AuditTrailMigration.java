package org.zhengce.kit.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneOffset;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail's tables, for a service's Flyway migrations: a service subclasses it under its own version in its
 * migrations' location, e.g. {@code db.referral.V16__Audit_trail}. Run by the owner role, it makes the tables the
 * owner's, refuses update, delete and truncate of rows by trigger, and takes back from every other role any right
 * beyond inserting and selecting rows (the runtime role keeps insert and select; it moves the chain head, which only
 * ever advances by one).
 */
public abstract class AuditTrailMigration extends BaseJavaMigration {

    static final String TABLES = """
            create table audit_trail (
                seq                  bigint      primary key,
                at                   timestamptz not null,
                actor                text        not null,
                actor_roles          text[]      not null,
                actor_jurisdictions  text[]      not null,
                action               text        not null,
                subject              text        not null,
                subject_id           text,
                jurisdiction         text,
                outcome              text        not null check (outcome in ('ALLOWED', 'REFUSED')),
                detail               text,
                previous_hash        bytea       not null,
                hash                 bytea       not null
            );
            create index audit_trail_by_subject on audit_trail (subject, subject_id, seq);

            create table audit_chain_head (
                id             int    primary key check (id = 1),
                seq            bigint not null,
                previous_hash  bytea  not null,
                hash           bytea  not null
            );
            insert into audit_chain_head values (1, 0, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'));

            create function audit_trail_is_append_only() returns trigger language plpgsql as $$
            begin
                raise exception 'audit_trail is append-only: % refused', tg_op;
            end;
            $$;
            create trigger audit_trail_no_update_or_delete before update or delete on audit_trail
                for each row execute function audit_trail_is_append_only();
            create trigger audit_trail_no_truncate before truncate on audit_trail
                for each statement execute function audit_trail_is_append_only();

            create function audit_chain_head_only_advances() returns trigger language plpgsql as $$
            begin
                if tg_op <> 'UPDATE' or new.id <> old.id or new.seq <> old.seq + 1
                        or new.previous_hash <> old.hash then
                    raise exception 'the audit chain head only advances by one row: % refused', tg_op;
                end if;
                return new;
            end;
            $$;
            create trigger audit_chain_head_advances before update or delete on audit_chain_head
                for each row execute function audit_chain_head_only_advances();
            create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
                for each statement execute function audit_trail_is_append_only();
            """;

    /** Takes back what default privileges (or anyone) granted beyond insert and select on the rows. */
    static final String RIGHTS = """
            revoke update, delete, truncate, references, trigger on audit_trail from public;
            revoke delete, truncate, references, trigger on audit_chain_head from public;
            do $$
            declare
                grantee_name text;
            begin
                for grantee_name in
                    select distinct grantee from information_schema.role_table_grants
                    where table_schema = current_schema() and table_name in ('audit_trail', 'audit_chain_head')
                      and grantee not in (current_user, 'PUBLIC')
                loop
                    execute format('revoke update, delete, truncate, references, trigger on audit_trail from %I',
                        grantee_name);
                    execute format('revoke delete, truncate, references, trigger on audit_chain_head from %I',
                        grantee_name);
                end loop;
            end;
            $$;
            """;

    /**
     * Appends {@code record} to the chain over JDBC, in the migration's transaction: for a later migration that moves
     * a service's earlier audit rows into the trail, in their order.
     */
    public static void append(Connection connection, AuditRecord record) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(AuditTrail.APPEND_JDBC)) {
            insert.setBytes(1, AuditChain.content(record));
            insert.setObject(2, record.at().atOffset(ZoneOffset.UTC));
            insert.setString(3, record.actor());
            insert.setArray(
                    4, connection.createArrayOf("text", record.actorRoles().toArray()));
            insert.setArray(
                    5,
                    connection.createArrayOf("text", record.actorJurisdictions().toArray()));
            insert.setString(6, record.action());
            insert.setString(7, record.subject());
            text(insert, 8, record.subjectId());
            text(insert, 9, record.jurisdiction());
            insert.setString(10, record.allowed() ? "ALLOWED" : "REFUSED");
            text(insert, 11, record.detail());
            if (insert.executeUpdate() != 1) {
                throw new IllegalStateException("the audit trail has no chain head row");
            }
        }
    }

    private static void text(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(TABLES);
            statement.execute(RIGHTS);
        }
    }
}
