package org.zhengce.kit.outbox;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The trigger that wakes an outbox's relay ({@link OutboxWakeUp}, ADR 0021), for a service's Flyway migrations: a
 * service subclasses it under its own version, naming its table, e.g. {@code db.referral.V18__Case_outbox_wakes_its_relay}.
 * Every statement that adds rows to the table, or releases one from quarantine, notifies the channel named after the
 * table ({@link OutboxWakeUp#channelOf}) when its transaction commits (PostgreSQL delivers one notification per channel
 * and transaction, however many statements).
 */
public abstract class OutboxWakeUpMigration extends BaseJavaMigration {

    private final OutboxTable table;

    /** The trigger of {@code table}. */
    protected OutboxWakeUpMigration(OutboxTable table) {
        this.table = table;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(statements(table));
        }
    }

    /** The function and the trigger of {@code table} (a plain identifier, {@link OutboxTable}). */
    static String statements(OutboxTable table) {
        String name = table.name();
        String channel = OutboxWakeUp.channelOf(table);
        return """
                create function %1$s_written() returns trigger language plpgsql as $$
                begin
                    perform pg_notify('%2$s', '');
                    return null;
                end
                $$;
                create trigger %1$s_written after insert or update of quarantined_at on %1$s
                    for each statement execute function %1$s_written();
                """.formatted(name, channel);
    }
}
