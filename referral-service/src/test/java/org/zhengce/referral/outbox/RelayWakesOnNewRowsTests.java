package org.zhengce.referral.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.outbox.OutboxRecords;
import org.zhengce.referral.ReferralStackTest;

/**
 * The relay wakes on new rows (ADR 0021): with its schedule (the fallback) at ten minutes, a row written by another
 * connection, which only the table's NOTIFY can announce, is on case.events within seconds; so it is after the
 * listening connection was killed, and nothing is sent twice.
 */
class RelayWakesOnNewRowsTests extends ReferralStackTest {

    private static final Duration FEW_SECONDS = Duration.ofSeconds(15);

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void fallbackInMinutes(DynamicPropertyRegistry properties) {
        properties.add("referral.outbox.relay-interval", () -> "10m");
    }

    @Test
    void rowWrittenByAnotherWriterIsRelayedWithoutWaitingForTheFallback() {
        CaseEvent event = OutboxRelayTests.event(UUID.randomUUID(), 1);

        insertUnannounced(event);

        awaitSent(event);
        assertThat(OutboxRelayTests.copiesOnTopic(event.getEventId())).isEqualTo(1);
    }

    @Test
    void afterTheListeningConnectionIsKilledTheRelayListensAgainAndRelaysEachRowOnce() {
        CaseEvent before = OutboxRelayTests.event(UUID.randomUUID(), 1);
        insertUnannounced(before);
        awaitSent(before);
        int killed = listeningBackend();
        assertThat(killed).as("a connection LISTENs on case_outbox").isPositive();

        // the relay's connection ends as when the database restarts or a firewall drops it
        db.sql("select pg_terminate_backend(" + killed + ")").then().block(FEW_SECONDS);
        UUID caseId = UUID.randomUUID();
        List<CaseEvent> events = new ArrayList<>();
        for (int version = 1; version <= 20; version++) {
            CaseEvent event = OutboxRelayTests.event(caseId, version);
            events.add(event);
            // one statement each: some while it reconnects, some after
            insertUnannounced(event);
        }

        await().atMost(FEW_SECONDS).until(() -> {
            int now = listeningBackend();
            return now > 0 && now != killed;
        });
        events.forEach(this::awaitSent);
        assertThat(caseEventsOf(caseId.toString()))
                .extracting(CaseEvent::getEventId)
                .containsExactlyElementsOf(
                        events.stream().map(CaseEvent::getEventId).toList());
        assertThat(OutboxRelayTests.copiesOnTopic(before.getEventId())).isEqualTo(1);
    }

    /** A row as a writer outside this JVM adds it: no in-process wake-up, only the table's trigger. */
    private void insertUnannounced(CaseEvent event) {
        db.sql("insert into case_outbox (event_id, case_id, record_key, created_at, event)"
                        + " values (:id, :case, :case::text, :created, :event)")
                .bind("id", UUID.fromString(event.getEventId()))
                .bind("case", UUID.fromString(event.getCaseId()))
                .bind("created", Instant.now())
                .bind("event", OutboxRecords.encode(event))
                .then()
                .block(FEW_SECONDS);
    }

    private void awaitSent(CaseEvent event) {
        await().atMost(FEW_SECONDS)
                .until(
                        () -> db.sql("select sent_at is not null from case_outbox where event_id = :id")
                                .bind("id", UUID.fromString(event.getEventId()))
                                .map(row -> row.get(0, Boolean.class))
                                .one()
                                .block(),
                        Boolean.TRUE::equals);
    }

    /** The backend LISTENing on case_outbox (the service's runtime role may see and end its own), 0 when none. */
    private int listeningBackend() {
        Integer pid = db.sql("select coalesce(max(pid), 0) as pid from pg_stat_activity"
                        + " where query = 'LISTEN case_outbox' and pid <> pg_backend_pid()")
                .map(row -> row.get("pid", Integer.class))
                .one()
                .block(FEW_SECONDS);
        return pid == null ? 0 : pid;
    }
}
