package org.zhengce.kit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.kit.audit.AuditVerification.Breach;
import reactor.core.publisher.Flux;

/**
 * The audit trail in a real PostgreSQL, migrated by its owner role and written by its runtime role, as every service
 * runs it: concurrent appends make one chain; the runtime role can neither update nor delete a row; an owner's edit
 * is found by the verify, over R2DBC (the admin endpoint) and JDBC (the command) alike.
 */
class AuditTrailDatabaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2025-03-01T08:00:00.123456789Z");
    private static final String CHAINED = "chained";
    private static final String GUARDED = "guarded";
    private static final String EDITED = "edited";

    private static EmbeddedDatabases postgres;

    /** The migration as a service declares it, under its own version. */
    static final class V1__Audit_trail extends AuditTrailMigration {}

    @BeforeAll
    static void start() {
        postgres =
                EmbeddedDatabases.builder().databases(CHAINED, GUARDED, EDITED).start();
        for (String database : List.of(CHAINED, GUARDED, EDITED)) {
            Flyway.configure()
                    .dataSource(postgres.jdbcUrl(database), postgres.username(database), postgres.password(database))
                    .javaMigrations(new V1__Audit_trail())
                    .load()
                    .migrate();
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void concurrentAppendsMakeOneIntactChain() throws SQLException {
        AuditTrail trail = new AuditTrail(runtime(CHAINED));

        Flux.range(1, 40)
                .flatMap(n -> trail.append(record("advisor-" + n, "case-" + (n % 3))), 8)
                .then()
                .block(TIMEOUT);

        AuditVerification result = trail.verify().block(TIMEOUT);
        assertThat(result).isNotNull();
        assertThat(result.isIntact()).as(result.message()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(40);
        assertThat(command(CHAINED).isIntact()).isTrue();
        assertThat(trail.about("case", "case-1").collectList().block(TIMEOUT))
                .hasSize(14)
                .allSatisfy(record -> assertThat(record).isEqualTo(record(record.actor(), "case-1")));
    }

    @Test
    void runtimeRoleMayOnlyInsertAndSelectAuditRows() {
        DatabaseClient runtime = runtime(GUARDED);
        AuditTrail trail = new AuditTrail(runtime);
        trail.append(record("advisor-1", "case-1")).block(TIMEOUT);

        for (String tampering : List.of(
                "update audit_trail set detail = 'nothing to see'",
                "delete from audit_trail",
                "truncate audit_trail",
                "alter table audit_trail disable trigger audit_trail_no_update_or_delete",
                "drop trigger audit_trail_no_update_or_delete on audit_trail",
                "delete from audit_chain_head")) {
            assertThatThrownBy(() -> runtime.sql(tampering).then().block(TIMEOUT))
                    .as(tampering)
                    .hasMessageMatching("(?s).*(permission denied|must be owner).*");
        }
        trail.requireInsertOnly().block(TIMEOUT);
        assertThatThrownBy(
                        () -> new AuditTrail(owner(GUARDED)).requireInsertOnly().block(TIMEOUT))
                .hasMessageContaining("database role " + GUARDED + " can update, can delete, can truncate, owns");
        assertThat(trail.verify().block(TIMEOUT))
                .extracting(AuditVerification::isIntact)
                .isEqualTo(true);
    }

    @Test
    void verifyFindsTheRowTheOwnerEdited() throws SQLException {
        AuditTrail trail = new AuditTrail(runtime(EDITED));
        Flux.range(1, 5)
                .concatMap(n -> trail.append(record("advisor-" + n, "case-" + n)))
                .then()
                .block(TIMEOUT);

        // the owner, who can, switches the trigger off to rewrite one line of history
        try (Connection owner = DriverManager.getConnection(
                        postgres.jdbcUrl(EDITED), postgres.username(EDITED), postgres.password(EDITED));
                Statement statement = owner.createStatement()) {
            statement.execute("alter table audit_trail disable trigger audit_trail_no_update_or_delete");
            statement.execute("update audit_trail set actor = 'someone-else' where seq = 3");
            statement.execute("alter table audit_trail enable trigger audit_trail_no_update_or_delete");
        }

        AuditVerification endpoint = trail.verify().block(TIMEOUT);
        assertThat(endpoint).isNotNull();
        assertThat(endpoint.breach()).isEqualTo(Breach.EDITED);
        assertThat(endpoint.firstBrokenRow()).isEqualTo(3L);
        AuditVerification command = command(EDITED);
        assertThat(command.breach()).isEqualTo(Breach.EDITED);
        assertThat(command.firstBrokenRow()).isEqualTo(3L);
    }

    private static AuditVerification command(String database) throws SQLException {
        return VerifyAuditTrail.verify(
                postgres.jdbcUrl(database), postgres.runtimeUsername(database), postgres.runtimePassword(database));
    }

    private static AuditRecord record(String actor, String caseId) {
        return new AuditRecord(
                AT,
                actor,
                List.of("ADVISOR"),
                List.of("110101001001"),
                "READ",
                "case",
                caseId,
                "110101001001",
                true,
                "über 检查 \u0001;:");
    }

    private static DatabaseClient runtime(String database) {
        return client(database, postgres.runtimeUsername(database), postgres.runtimePassword(database));
    }

    private static DatabaseClient owner(String database) {
        return client(database, postgres.username(database), postgres.password(database));
    }

    private static DatabaseClient client(String database, String user, String password) {
        return DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl(database))
                .mutate()
                .option(ConnectionFactoryOptions.USER, user)
                .option(ConnectionFactoryOptions.PASSWORD, password)
                .build()));
    }
}
