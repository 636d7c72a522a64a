package org.zhengce.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabasesRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesRestartOnSameDirectory() throws SQLException {
        try (EmbeddedDatabases first = EmbeddedDatabases.builder()
                        .dataDirectory(dataDirectory)
                        .databases("intake")
                        .start();
                Connection connection = connect(first, "intake");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE department (code text PRIMARY KEY)");
            statement.execute("INSERT INTO department VALUES ('CIVIL_AFFAIRS')");
        }

        try (EmbeddedDatabases second = EmbeddedDatabases.builder()
                        .dataDirectory(dataDirectory)
                        .databases("intake", "referral")
                        .start();
                Connection intake = connect(second, "intake");
                Connection referral = connect(second, "referral");
                Statement statement = intake.createStatement();
                ResultSet rows = statement.executeQuery("SELECT code FROM department")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("code")).isEqualTo("CIVIL_AFFAIRS");
            assertThat(referral.isValid(5)).isTrue();
        }
    }

    private static Connection connect(EmbeddedDatabases postgres, String database) throws SQLException {
        return DriverManager.getConnection(
                postgres.jdbcUrl(database), postgres.username(database), postgres.password(database));
    }
}
