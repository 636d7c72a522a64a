package org.zhengce.referral.outbox;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.CaseEvent;
import org.zhengce.referral.cases.CaseEventLog;
import org.zhengce.referral.cases.CaseEvolution;
import reactor.core.publisher.Mono;

/**
 * The outbox of {@code case.events} (ADR 0005): case events are written here in the transaction that changes the
 * case, and the relay publishes them, keyed by case id, in the order they were written.
 */
@Service
public class CaseEventOutbox implements CaseEventLog {

    private static final HexFormat HEX = HexFormat.of();

    private final DatabaseClient db;
    private final Clock clock;

    CaseEventOutbox(DatabaseClient db) {
        this.db = db;
        // The row's time becomes the Kafka record's timestamp, which the broker checks against its own clock:
        // the wall clock, never the application's (tests move that one by days).
        this.clock = Clock.systemUTC();
    }

    @Override
    public Mono<Void> append(CaseEvolution evolution, @Nullable String actor) {
        return append(evolution.steps().stream()
                .flatMap(step -> CaseEvents.of(step.change(), step.after(), actor).stream())
                .toList());
    }

    /**
     * Adds {@code events} to the outbox in one statement, inside the caller's transaction. Each event's
     * {@code eventId} (a UUID) is its key here: an event added twice is kept once.
     */
    public Mono<Void> append(List<CaseEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        String[] ids = new String[events.size()];
        String[] cases = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            CaseEvent event = events.get(i);
            ids[i] = UUID.fromString(event.getEventId()).toString();
            cases[i] = UUID.fromString(event.getCaseId()).toString();
            payloads[i] = HEX.formatHex(OutboxRecords.encode(event));
        }
        return db.sql("insert into case_outbox (event_id, case_id, record_key, created_at, event)"
                        + " select i::uuid, c::uuid, c, :at, decode(p, 'hex')"
                        + " from unnest(:ids::text[], :cases::text[], :payloads::text[]) with ordinality as u(i, c, p, n)"
                        + " order by n on conflict (event_id) do nothing")
                .bind("at", clock.instant())
                .bind("ids", ids)
                .bind("cases", cases)
                .bind("payloads", payloads)
                .then();
    }

    /**
     * Adds a decision for {@code decisions.shared} (keyed by household), inside the caller's transaction, after the
     * case's events so far; its {@code eventId} is its key here.
     */
    public Mono<Void> appendDecision(AssistanceDecisionShared decision, UUID caseId) {
        return db.sql("insert into case_outbox (event_id, case_id, topic, record_key, created_at, event)"
                        + " values (:id, :case, :topic, :key, :at, :event) on conflict (event_id) do nothing")
                .bind("id", UUID.fromString(decision.getEventId()))
                .bind("case", caseId)
                .bind("topic", OutboxRecords.DECISIONS)
                .bind("key", decision.getHousehold().getValue())
                .bind("at", clock.instant())
                .bind("event", OutboxRecords.encode(decision))
                .then();
    }
}
