package org.zhengce.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.embedded.EmbeddedDatabases;

/**
 * The wake-up against a real PostgreSQL, with a table whose statement-level trigger notifies as the services'
 * migrations install it ({@link OutboxWakeUpMigration}), and no schedule at all: whatever is relayed here was woken. The pass "relays" a row by
 * marking it, on the wake-up's thread.
 */
class OutboxWakeUpTests {

    private static final String DATABASE = "wakeup";
    private static final OutboxTable PARCELS = OutboxTable.ofOneTopic("parcels", "parcel.events");
    private static final OutboxTable LETTERS = OutboxTable.ofOneTopic("letters", "letter.events");
    private static final Duration FEW_SECONDS = Duration.ofSeconds(10);

    private static EmbeddedDatabases postgres;

    private final List<OutboxWakeUp> started = new ArrayList<>();
    private final AtomicInteger passes = new AtomicInteger();
    private final List<Long> relayed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws SQLException {
        postgres = EmbeddedDatabases.builder().databases(DATABASE).start();
        for (OutboxTable table : List.of(PARCELS, LETTERS)) {
            owner("create table " + table.name()
                    + " (id bigint generated always as identity primary key, relayed_at timestamptz,"
                    + " quarantined_at timestamptz)");
            owner("grant select, insert, update on " + table.name() + " to " + postgres.runtimeUsername(DATABASE));
        }
        // parcels with the services' migration: each statement notifies at commit; letters without it
        owner(OutboxWakeUpMigration.statements(PARCELS));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @AfterEach
    void stopWakeUps() {
        started.forEach(OutboxWakeUp::stop);
    }

    @Test
    void rowWrittenElsewhereWakesThePass() throws SQLException {
        OutboxWakeUp wakeUp = started(PARCELS, this::relayParcels);
        await().atMost(FEW_SECONDS).until(wakeUp::listening);

        long id = insert(PARCELS);

        await().atMost(FEW_SECONDS).until(() -> relayed.contains(id));
    }

    @Test
    void afterItsConnectionIsKilledItListensAgainAndStillWakesThePass() throws SQLException {
        OutboxWakeUp wakeUp = started(PARCELS, this::relayParcels);
        await().atMost(FEW_SECONDS).until(wakeUp::listening);
        int killed = listeningBackend();

        // as the runtime role, whose backend it is (the owner may not end it)
        runtime("select pg_terminate_backend(" + killed + ")");
        long writtenWhileDown = insert(PARCELS);

        await().atMost(FEW_SECONDS).until(() -> listeningBackend() != killed && wakeUp.listening());
        // caught up once it listens again ...
        await().atMost(FEW_SECONDS).until(() -> relayed.contains(writtenWhileDown));
        // ... and woken by the next row as before
        long writtenAfter = insert(PARCELS);
        await().atMost(FEW_SECONDS).until(() -> relayed.contains(writtenAfter));
        assertThat(relayed).containsOnlyOnce(writtenWhileDown, writtenAfter);
    }

    @Test
    void wakeUpsDuringAPassMakeOneMorePass() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocking = new AtomicInteger(-1);
        OutboxWakeUp wakeUp = started(LETTERS, () -> {
            if (passes.incrementAndGet() == blocking.get()) {
                entered.countDown();
                waitFor(release);
            }
        });
        await().atMost(FEW_SECONDS).until(wakeUp::listening);
        // the catch-up pass when it started listening
        await().atMost(FEW_SECONDS).until(() -> passes.get() == 1);
        blocking.set(2);
        wakeUp.wake();
        assertThat(entered.await(FEW_SECONDS.toSeconds(), TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 100; i++) {
            wakeUp.wake();
        }
        release.countDown();

        await().during(Duration.ofMillis(500)).atMost(FEW_SECONDS).until(() -> passes.get() == 3);
    }

    @Test
    void writerInThisJvmWakesThePassWhenItsTransactionCommits() {
        // letters have no trigger: only the in-process signal can wake the pass
        OutboxWakeUp wakeUp = started(LETTERS, this::relayLetters);
        await().atMost(FEW_SECONDS).until(wakeUp::listening);
        DatabaseClient db = DatabaseClient.create(connections());
        TransactionalOperator transactions =
                TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));

        Long id = db.sql("insert into letters default values returning id")
                .map(row -> row.get("id", Long.class))
                .one()
                .flatMap(written -> wakeUp.wakeAfterCommit().thenReturn(written))
                .as(transactions::transactional)
                .block(FEW_SECONDS);

        await().atMost(FEW_SECONDS).until(() -> relayed.contains(id));
    }

    private OutboxWakeUp started(OutboxTable table, Runnable pass) {
        OutboxWakeUp wakeUp =
                new OutboxWakeUp(connections(), table, pass, Duration.ofMillis(200), Duration.ofSeconds(2));
        wakeUp.start();
        started.add(wakeUp);
        return wakeUp;
    }

    private void relayParcels() {
        relay(PARCELS);
    }

    private void relayLetters() {
        relay(LETTERS);
    }

    private void relay(OutboxTable table) {
        passes.incrementAndGet();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "update " + table.name() + " set relayed_at = now() where relayed_at is null returning id")) {
            while (rows.next()) {
                relayed.add(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The backend that LISTENs on parcels now, 0 when none. */
    private static int listeningBackend() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select coalesce(max(pid), 0) from pg_stat_activity"
                        + " where query = 'LISTEN parcels' and pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long insert(OutboxTable table) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("insert into " + table.name() + " default values returning id")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void owner(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(DATABASE), postgres.username(DATABASE), postgres.password(DATABASE));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void runtime(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** R2DBC connections as the runtime role, as a service makes them. */
    private static ConnectionFactory connections() {
        return ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl(DATABASE))
                .mutate()
                .option(ConnectionFactoryOptions.USER, postgres.runtimeUsername(DATABASE))
                .option(ConnectionFactoryOptions.PASSWORD, postgres.runtimePassword(DATABASE))
                .build());
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                postgres.jdbcUrl(DATABASE), postgres.runtimeUsername(DATABASE), postgres.runtimePassword(DATABASE));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(FEW_SECONDS.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
