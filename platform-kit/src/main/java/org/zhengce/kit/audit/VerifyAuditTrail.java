package org.zhengce.kit.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The verify command: walks a service's audit trail over JDBC and prints what {@link AuditTrail#verify} would; exits
 * 0 when the chain is intact, 1 at the first removed, inserted or edited row, 2 when it cannot run. Run it with a
 * service's jar and a role that may select the rows (the runtime role will do):
 *
 * <pre>
 * java -cp referral-service.jar -Dloader.main=org.zhengce.kit.audit.VerifyAuditTrail \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     jdbc:postgresql://db:5432/referral referral_app "$PASSWORD"
 * </pre>
 */
public final class VerifyAuditTrail {

    private VerifyAuditTrail() {}

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: VerifyAuditTrail <jdbc-url> <user> [password]");
            System.exit(2);
        }
        try {
            AuditVerification result = verify(args[0], args[1], args.length == 3 ? args[2] : null);
            System.out.println(result.message());
            System.exit(result.isIntact() ? 0 : 1);
        } catch (SQLException | RuntimeException e) {
            System.err.println("could not verify the audit trail: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Walks the trail of the database at {@code jdbcUrl}. */
    public static AuditVerification verify(String jdbcUrl, String user, @Nullable String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            ChainWalk walk = new ChainWalk();
            try (PreparedStatement rows =
                    connection.prepareStatement("select " + AuditTrailRow.COLUMNS + " from audit_trail order by seq")) {
                rows.setFetchSize(1000);
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next() && walk.accept(AuditTrailRow.from(columns(row)))) {
                        // each row checked as it comes
                    }
                }
            }
            try (PreparedStatement head =
                            connection.prepareStatement("select seq, hash from audit_chain_head where id = 1");
                    ResultSet row = head.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the audit trail has no chain head row: it was removed");
                }
                return walk.finish(row.getLong("seq"), row.getBytes("hash"));
            } finally {
                connection.rollback();
            }
        }
    }

    private static AuditTrailRow.Columns columns(ResultSet row) {
        return new AuditTrailRow.Columns() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> @Nullable T get(String name, Class<T> type) {
                try {
                    if (type == Instant.class) {
                        OffsetDateTime at = row.getObject(name, OffsetDateTime.class);
                        return at == null ? null : (T) at.toInstant();
                    }
                    if (type == String[].class) {
                        Array array = row.getArray(name);
                        return array == null ? null : (T) array.getArray();
                    }
                    return row.getObject(name, type);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read column " + name, e);
                }
            }
        };
    }
}
