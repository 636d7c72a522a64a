package org.zhengce.faults.reconcile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.zhengce.faults.platform.Platform;
import org.zhengce.schemas.identity.IdentityNumbers;

/**
 * Looks for identity numbers ({@link IdentityNumbers}: NFKC digits, JSON escapes, separators, glued and 15-digit
 * numbers) everywhere the platform keeps or says something: every record of every topic (key, value as UTF-8 text,
 * headers) but the departments' own {@code dept.<code>.events}, which carry them into intake by design; every line of
 * every log file of the run; every text, JSON and character column of every table of the services' databases.
 */
final class IdentityScan {

    /** A number found: where, masked, and whether it is one the load sent. */
    record Leak(String where, String masked, boolean sentByTheLoad) {
        @Override
        public String toString() {
            return where + " " + masked + (sentByTheLoad ? " (sent by the load)" : "");
        }
    }

    private final List<Leak> leaks = new ArrayList<>();
    private final Predicate<String> sentByTheLoad;

    IdentityScan(Predicate<String> sentByTheLoad) {
        this.sentByTheLoad = sentByTheLoad;
    }

    static boolean departmentTopic(String topic) {
        return topic.startsWith("dept.") && !topic.equals("dept.events.dlq");
    }

    List<Leak> scan(Platform platform, TopicRecords records) {
        for (String topic : records.topics()) {
            if (departmentTopic(topic) || topic.startsWith("__")) {
                continue;
            }
            records.read(topic, record -> {
                String where = "topic " + record.topic() + "-" + record.partition() + "@" + record.offset();
                text(where + " key", record.key());
                text(where + " value", record.value());
                for (Header header : record.headers()) {
                    text(where + " header " + header.key(), header.value());
                }
            });
        }
        try (Stream<Path> files = Files.walk(platform.logs())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                logFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String database : platform.databases()) {
            try (Connection connection = platform.connect(database)) {
                database(database, connection);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot scan database " + database, e);
            }
        }
        return List.copyOf(leaks);
    }

    private void text(String where, byte[] bytes) {
        if (bytes != null) {
            text(where, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private void text(String where, String text) {
        for (IdentityNumbers.Found found : IdentityNumbers.find(text)) {
            leaks.add(new Leak(where, found.masked(), sentByTheLoad.test(found.digits())));
        }
    }

    private void logFile(Path file) throws IOException {
        try (BufferedReader lines = new BufferedReader(new java.io.InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                text("log " + file.getFileName() + ":" + number, line);
            }
        }
    }

    private void database(String database, Connection connection) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select table_schema, table_name, column_name"
                        + " from information_schema.columns"
                        + " where table_schema not in ('pg_catalog', 'information_schema')"
                        + " and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')")) {
            while (rows.next()) {
                columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        for (String[] column : columns) {
            String where = "database " + database + " " + column[1] + "." + column[2];
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "select \"" + column[2] + "\"::text from \"" + column[0] + "\".\"" + column[1] + "\"")) {
                while (rows.next()) {
                    String value = rows.getString(1);
                    if (value != null) {
                        text(where, value);
                    }
                }
            }
        }
    }
}
