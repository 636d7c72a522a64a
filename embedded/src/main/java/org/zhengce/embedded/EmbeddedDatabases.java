package org.zhengce.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) with one database per service.
 *
 * <p>Each database is owned by a login role of the same name whose password is also that name: the
 * role migrations run as. Its runtime role, {@code <name>_app} (password the same), is what the
 * service connects as: it may read and write the rows of every table the owner creates (default
 * privileges) but owns nothing, so it cannot change a table, drop a trigger or regain a privilege
 * a migration revoked (the audit trail's update and delete). Only the two roles (and the superuser)
 * may connect. A server started again on the same data directory reuses the cluster, so the data
 * survives. Authentication is {@code trust} on localhost, as for any throw-away local database.
 */
public final class EmbeddedDatabases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabases.class);

    /** Lower-case SQL identifiers only, so names never need quoting or escaping; room for the runtime suffix. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,58}");

    /** The runtime role of database {@code d} is {@code d + RUNTIME_SUFFIX}. */
    public static final String RUNTIME_SUFFIX = "_app";

    private static final String POSTGRES_MAJOR_VERSION = "17";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Set<String> databases;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabases(EmbeddedPostgres postgres, Path dataDirectory, Set<String> databases) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.databases = databases;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code jdbc:postgresql://localhost:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + known(database);
    }

    /** {@code r2dbc:postgresql://localhost:<port>/<database>}. */
    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:" + port() + "/" + known(database);
    }

    /** The owner role of the database: its own name. */
    public String username(String database) {
        return known(database);
    }

    /** The owner role's password: the database's name. */
    public String password(String database) {
        return known(database);
    }

    /** The runtime role the service connects as ({@code <database>_app}): rows only, owns nothing. */
    public String runtimeUsername(String database) {
        return known(database) + RUNTIME_SUFFIX;
    }

    /** The runtime role's password: its name. */
    public String runtimePassword(String database) {
        return runtimeUsername(database);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server; a temporary data directory is deleted. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL server", e);
        }
    }

    private String known(String database) {
        if (!databases.contains(database)) {
            throw new IllegalArgumentException(
                    "Unknown database " + database + "; this server was started with " + databases);
        }
        return database;
    }

    /** Collects the options; {@link #start()} starts the server and creates missing databases. */
    public static final class Builder {

        private @Nullable Path dataDirectory;
        private int port;
        private final Set<String> databases = new LinkedHashSet<>();

        private Builder() {}

        /** The cluster directory; an existing cluster is reused. Without it a temporary one is deleted on close. */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir;
            return this;
        }

        /** The server port; 0, the default, picks a free port. */
        public Builder port(int port) {
            this.port = FreePorts.validate("port", port);
            return this;
        }

        /** Databases to create if missing, each with an owner role of the same name. */
        public Builder databases(String... names) {
            for (String name : names) {
                if (!DATABASE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(
                            "databases: '" + name + "' is not a lower-case identifier like 'intake'");
                }
                if (name.equals("postgres") || name.startsWith("template")) {
                    throw new IllegalArgumentException("databases: '" + name + "' is reserved by PostgreSQL");
                }
                databases.add(name);
            }
            return this;
        }

        public EmbeddedDatabases start() {
            boolean temporary = dataDirectory == null;
            Path dir = temporary ? createTemporaryDirectory() : requireClusterOrEmpty(dataDirectory);
            EmbeddedPostgres server = null;
            // Only the loopback IPv4 address: PostgreSQL that finds 127.0.0.1:port taken but ::1:port free starts on
            // ::1 alone, and "localhost" would then reach another process's server. Bound to one address, it fails
            // instead, and a free port chosen by us is tried again.
            int attempts = port == 0 && temporary ? 3 : 1;
            for (int attempt = 1; server == null; attempt++) {
                EmbeddedPostgres.Builder postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(temporary)
                        .setPort(port == 0 ? FreePorts.reserve() : port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setPGStartupWait(Duration.ofSeconds(30));
                try {
                    server = postgres.start();
                } catch (IOException | RuntimeException e) {
                    if (attempt < attempts) {
                        Directories.deleteRecursively(dir);
                        dir = createTemporaryDirectory();
                        log.warn(
                                "embedded PostgreSQL did not start (attempt {}), trying another port: {}",
                                attempt,
                                e.toString());
                        continue;
                    }
                    if (temporary) {
                        Directories.deleteRecursively(dir);
                    }
                    throw new IllegalStateException("Could not start the embedded PostgreSQL server in " + dir, e);
                }
            }
            try {
                createMissing(server);
            } catch (SQLException | RuntimeException e) {
                closeAfterFailure(server, e);
                throw new IllegalStateException("Could not create the databases " + databases, e);
            }
            log.info(
                    "Embedded PostgreSQL ready on port {} with databases {} (data in {})",
                    server.getPort(),
                    databases,
                    dir);
            return new EmbeddedDatabases(server, dir, Set.copyOf(databases));
        }

        private void createMissing(EmbeddedPostgres server) throws SQLException {
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                for (String name : databases) {
                    if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                        statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
                    }
                    if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                        statement.execute("CREATE DATABASE " + name + " OWNER " + name);
                        statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + name + " FROM PUBLIC");
                        log.info("Created database {} owned by role {}", name, name);
                    }
                    String runtime = name + RUNTIME_SUFFIX;
                    if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", runtime)) {
                        statement.execute("CREATE ROLE " + runtime + " LOGIN PASSWORD '" + runtime + "'");
                        statement.execute("GRANT CONNECT ON DATABASE " + name + " TO " + runtime);
                        grantRows(server, name, runtime);
                        log.info("Created runtime role {} of database {}", runtime, name);
                    }
                }
            }
        }

        /**
         * The runtime role may read and write the rows of the tables the owner has created and will create; a
         * migration may take some of that back (the audit trail keeps insert and select only). Done once, when the
         * role is created, so a revocation made since is never undone.
         */
        private static void grantRows(EmbeddedPostgres server, String database, String runtime) throws SQLException {
            try (Connection connection =
                            server.getDatabase("postgres", database).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("GRANT USAGE ON SCHEMA public TO " + runtime);
                statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + runtime);
                statement.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + runtime);
                statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + database
                        + " IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + runtime);
                statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + database
                        + " IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + runtime);
            }
        }

        private static boolean exists(Connection connection, String query, String name) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        }

        private static void closeAfterFailure(EmbeddedPostgres server, Exception failure) {
            try {
                server.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }

        /** Fails fast on a directory that is neither empty nor a PostgreSQL 17 cluster. */
        private static Path requireClusterOrEmpty(Path dir) {
            try {
                Files.createDirectories(dir);
                Path version = dir.resolve("PG_VERSION");
                if (Files.exists(version)) {
                    String major = Files.readString(version).strip();
                    if (!major.equals(POSTGRES_MAJOR_VERSION)) {
                        throw new IllegalStateException("dataDirectory " + dir + " holds a PostgreSQL " + major
                                + " cluster; this server is PostgreSQL " + POSTGRES_MAJOR_VERSION);
                    }
                    return dir;
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    List<Path> unexpected = entries.filter(
                                    entry -> !entry.getFileName().toString().equals("epg-lock"))
                            .toList();
                    if (!unexpected.isEmpty()) {
                        throw new IllegalStateException(
                                "dataDirectory " + dir + " is neither empty nor a PostgreSQL cluster");
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot use dataDirectory " + dir, e);
            }
        }

        private static Path createTemporaryDirectory() {
            try {
                return Files.createTempDirectory("embedded-postgres-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary directory for PostgreSQL", e);
            }
        }
    }
}
