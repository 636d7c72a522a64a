package db.referral;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.zhengce.kit.audit.AuditRecord;
import org.zhengce.kit.audit.AuditTrailMigration;

/**
 * The case audit log's rows moved into the audit trail, in their order and in this migration's transaction, as
 * subject {@code case}; {@code audit_log} becomes a view of them that refuses every write (as the table did).
 */
public class V17__Audit_log_into_trail extends BaseJavaMigration {

    private static final String VIEW = """
            drop table audit_log;
            create view audit_log with (security_invoker = true) as
                select seq as id, at, actor, actor_roles, actor_jurisdictions, action, subject_id::uuid as case_id,
                       jurisdiction as community_code, outcome, detail
                from audit_trail where subject = 'case';
            create trigger audit_log_is_read_only instead of insert or update or delete on audit_log
                for each row execute function audit_log_is_append_only();
            """;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("select * from audit_log order by id")) {
                while (row.next()) {
                    AuditTrailMigration.append(
                            connection,
                            new AuditRecord(
                                    row.getObject("at", OffsetDateTime.class).toInstant(),
                                    row.getString("actor"),
                                    strings(row.getArray("actor_roles")),
                                    strings(row.getArray("actor_jurisdictions")),
                                    row.getString("action"),
                                    "case",
                                    row.getString("case_id"),
                                    row.getString("community_code"),
                                    "ALLOWED".equals(row.getString("outcome")),
                                    row.getString("detail")));
                }
            }
            statement.execute(VIEW);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
