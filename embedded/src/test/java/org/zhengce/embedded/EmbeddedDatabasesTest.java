package org.zhengce.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One server shared by the tests of this class. */
class EmbeddedDatabasesTest {

    private static EmbeddedDatabases postgres;

    @BeforeAll
    static void startServer() {
        postgres = EmbeddedDatabases.builder()
                .databases("intake", "referral", "notification")
                .start();
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake", "referral", "notification"})
    void eachServiceOwnsItsDatabase(String service) throws SQLException {
        try (Connection connection = connect(service, service);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ledger (event_id text PRIMARY KEY)");
            statement.execute("INSERT INTO ledger VALUES ('event-1')");
            try (ResultSet row =
                    statement.executeQuery("SELECT current_user, current_database(), (SELECT count(*) FROM ledger)")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(service);
                assertThat(row.getString(2)).isEqualTo(service);
                assertThat(row.getLong(3)).isEqualTo(1);
            }
        }
    }

    @Test
    void serviceCannotConnectToAnotherServicesDatabase() {
        assertThatThrownBy(() -> connect("intake", "referral").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database \"intake\"");
    }

    @Test
    void urlsAndCredentialsNameTheDatabase() {
        int port = postgres.port();
        assertThat(postgres.jdbcUrl("intake")).isEqualTo("jdbc:postgresql://localhost:" + port + "/intake");
        assertThat(postgres.r2dbcUrl("intake")).isEqualTo("r2dbc:postgresql://localhost:" + port + "/intake");
        assertThat(postgres.username("referral")).isEqualTo("referral");
        assertThat(postgres.password("referral")).isEqualTo("referral");
    }

    @Test
    void unknownDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> postgres.jdbcUrl("scoring"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scoring");
        assertThatThrownBy(() -> EmbeddedDatabases.builder().databases("Intake-Service"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Intake-Service");
    }

    private static Connection connect(String database, String user) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), user, user);
    }
}
