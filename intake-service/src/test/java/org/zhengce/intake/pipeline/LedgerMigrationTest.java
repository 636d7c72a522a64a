package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.kit.outbox.QuarantinedRecord;

/**
 * A ledger written by the V3-V11 schema, migrated to the append-only ledger (V12): what was published stays
 * published, what was not is still found by the relay, a quarantined row stays quarantined until released, and new
 * batches claim and publish beside the old rows, their bytes bound as binary arrays and read back unchanged.
 */
class LedgerMigrationTest {

    private static final String DATABASE = "intake";
    private static final Instant CLAIMED =
            Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    private static @Nullable EmbeddedDatabases postgres;
    private static @Nullable EventLedger ledger;

    @BeforeAll
    static void ledgerOfTheOldSchemaMigrated() throws SQLException {
        EmbeddedDatabases db = EmbeddedDatabases.builder().databases(DATABASE).start();
        postgres = db;
        flyway(db, "11").migrate();
        try (Connection jdbc =
                DriverManager.getConnection(db.jdbcUrl(DATABASE), db.username(DATABASE), db.password(DATABASE))) {
            legacyRow(jdbc, "old-published", true, null);
            legacyRow(jdbc, "old-unpublished", false, null);
            legacyRow(jdbc, "old-quarantined", false, "RecordTooLargeException");
        }
        flyway(db, "latest").migrate();
        ledger = new EventLedger(
                DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(db.r2dbcUrl(DATABASE))
                        .mutate()
                        .option(ConnectionFactoryOptions.USER, db.runtimeUsername(DATABASE))
                        .option(ConnectionFactoryOptions.PASSWORD, db.runtimePassword(DATABASE))
                        .build())));
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Flyway flyway(EmbeddedDatabases db, String target) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(DATABASE), db.username(DATABASE), db.password(DATABASE))
                .locations("classpath:db/intake")
                .target(target)
                .load();
    }

    /** A row as V3-V11 wrote it: published rows had their record copy cleared. */
    private static void legacyRow(Connection jdbc, String eventId, boolean published, @Nullable String quarantine)
            throws SQLException {
        try (PreparedStatement insert = jdbc.prepareStatement("insert into event_ledger (department, event_id,"
                + " platform_event_id, payload_digest, digest_key_id, event_type, record_key, record_partition,"
                + " accepted_at, record_value, record_headers, published_at, quarantined_at, quarantine_reason)"
                + " values ('HEALTH', ?, ?, ?, 'd1', 'HospitalDischarged', ?, 3, ?, ?, ?, ?, ?, ?)")) {
            Timestamp claimed = Timestamp.from(CLAIMED);
            insert.setString(1, eventId);
            insert.setObject(2, IntakePipeline.platformEventId("HEALTH", eventId));
            insert.setBytes(3, new byte[32]);
            insert.setString(4, "household-" + eventId);
            insert.setTimestamp(5, claimed);
            insert.setBytes(6, published ? null : value(eventId));
            insert.setBytes(7, published ? null : new byte[0]);
            insert.setTimestamp(8, published ? claimed : null);
            insert.setTimestamp(9, quarantine == null ? null : claimed);
            insert.setString(10, quarantine);
            insert.executeUpdate();
        }
    }

    private static byte[] value(String eventId) {
        return ("value of " + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static EventLedger ledger() {
        return java.util.Objects.requireNonNull(ledger);
    }

    private static UUID id(String eventId) {
        return IntakePipeline.platformEventId("HEALTH", eventId);
    }

    private Map<String, EventLedger.Existing> found(String... eventIds) {
        return java.util.Objects.requireNonNull(
                ledger().find("HEALTH", List.of(eventIds)).block());
    }

    private List<UUID> relayable() {
        Instant now = Instant.now();
        return ledger().lockUnpublished(now, now, 100)
                .map(EventLedger.Unpublished::platformEventId)
                .collectList()
                .block();
    }

    @Test
    void oldRowsKeepTheirStateAndNewBatchesClaimAndPublishBesideThem() {
        // published before the migration: a re-send is a duplicate; the others are pending and the relay finds them
        Map<String, EventLedger.Existing> old = found("old-published", "old-unpublished", "old-quarantined");
        assertThat(old.get("old-published").published()).isTrue();
        assertThat(old.get("old-unpublished").published()).isFalse();
        assertThat(old.get("old-quarantined").published()).isFalse();
        assertThat(relayable()).containsExactly(id("old-unpublished"));
        List<QuarantinedRecord> quarantined =
                ledger().quarantined("household.events", 10).collectList().block();
        assertThat(quarantined).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo(id("old-quarantined").toString());
            assertThat(q.reason()).isEqualTo("RecordTooLargeException");
        });
        assertThat(ledger().countUnpublished().block()).isEqualTo(2L);
        assertThat(ledger().countQuarantined().block()).isEqualTo(1L);

        // the relay publishes the old row; the floor moves past it
        assertThat(ledger().markPublished(List.of(id("old-unpublished")), Instant.now())
                        .block())
                .isEqualTo(1L);
        ledger().advanceFloor(Instant.now()).block();
        assertThat(found("old-unpublished").get("old-unpublished").published()).isTrue();
        assertThat(relayable()).isEmpty();
        assertThat(ledger().countUnpublished().block()).isEqualTo(1L);

        // released, the quarantined row is relayable again
        assertThat(ledger().release(id("old-quarantined"), Instant.now()).block())
                .isTrue();
        assertThat(relayable()).containsExactly(id("old-quarantined"));
        assertThat(ledger().countQuarantined().block()).isZero();

        // a new batch, every byte value in its record, is one claim and one mark
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        OutgoingRecord record = new OutgoingRecord("household-new", 5, everyByte, new byte[] {0, 1, 'a', 0, 0, 0, 0});
        EventLedger.Entry one =
                new EventLedger.Entry("new-1", id("new-1"), new byte[32], "d1", "HospitalDischarged", record);
        EventLedger.Entry other =
                new EventLedger.Entry("new-2", id("new-2"), new byte[32], null, "HospitalDischarged", record);
        EventLedger.Claim claim = ledger().claim("HEALTH", CLAIMED, List.of(one, other), List.of())
                .block();
        assertThat(claim.eventIds()).containsExactly("new-1", "new-2");
        assertThat(ledger().claim("HEALTH", CLAIMED, List.of(one)).block())
                .as("claimed once")
                .isEmpty();
        List<EventLedger.Unpublished> pending = ledger().lockUnpublished(Instant.now(), Instant.now(), 100)
                .filter(row -> row.eventId().startsWith("new-"))
                .collectList()
                .block();
        assertThat(pending).hasSize(2).allSatisfy(row -> {
            assertThat(row.record().value()).isEqualTo(everyByte);
            assertThat(row.record().headers()).isEqualTo(record.headers());
            assertThat(row.record().partition()).isEqualTo(5);
            assertThat(row.acceptedAt()).isEqualTo(CLAIMED);
        });
        assertThat(found("new-2").get("new-2").digestKeyId()).isNull();

        ledger().markBatchPublished(claim.batch(), Instant.now()).block();
        assertThat(found("new-1", "new-2").values())
                .allSatisfy(row -> assertThat(row.published()).isTrue());
        assertThat(relayable()).containsExactly(id("old-quarantined"));
        ledger().advanceFloor(Instant.now().plus(Duration.ofMinutes(1))).block();
        assertThat(relayable()).containsExactly(id("old-quarantined"));
    }
}
