package org.zhengce.referral.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.CaseEvent;
import org.zhengce.kit.outbox.OutboxRecords;
import org.zhengce.kit.outbox.OutboxTable;
import org.zhengce.kit.outbox.OutboxWakeUp;
import org.zhengce.kit.outbox.OutboxWriter;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.referral.cases.CaseEventLog;
import org.zhengce.referral.cases.CaseEvolution;
import reactor.core.publisher.Mono;

/**
 * The outbox of {@code case.events} (ADR 0005): case events are written here in the transaction that changes the
 * case, and the relay publishes them, keyed by case id, in the order they were written, woken when the transaction
 * commits (ADR 0021).
 */
public class CaseEventOutbox implements CaseEventLog {

    /**
     * The outbox table: its rows name their topic ({@code case.events} by default) and record key, and keep the trace
     * context of what wrote them (V19, ADR 0023).
     */
    public static final OutboxTable TABLE =
            OutboxTable.routedByColumns("case_outbox", "case.events").withTraceContext();

    private final DatabaseClient db;
    private final Clock clock;
    private final OutboxWriter<CaseEvent> writer;
    private final OutboxWakeUp relay;

    /**
     * The row's time becomes the Kafka record's timestamp, which the broker checks against its own clock: {@code
     * systemClock} is the wall clock, never the application's (tests move that one by days). {@code relay} is woken
     * when the writing transaction commits.
     */
    CaseEventOutbox(DatabaseClient db, Clock systemClock, OutboxWakeUp relay) {
        this.db = db;
        this.clock = systemClock;
        this.relay = relay;
        this.writer = new OutboxWriter<>(
                db, TABLE, systemClock, CaseEvent::getEventId, CaseEvent::getCaseId, OutboxRecords::encode);
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
        return writer.append(events).then(relay.wakeAfterCommit());
    }

    /**
     * Adds a decision for a department's {@code topic} ({@code decisions.<department>}, keyed by household), inside
     * the caller's transaction, after the case's events so far; its {@code eventId} is its key here. It carries a
     * trace on to the department (ADR 0023): the one the write was given ({@link TraceParent#in}: the department's
     * decision that moved the case, as the case events of the same transaction), else the case's own (that of its
     * first traced row, the warning that opened it), else none.
     */
    public Mono<Void> appendDecision(AssistanceDecisionShared decision, UUID caseId, String topic) {
        return Mono.deferContextual(context -> {
                    DatabaseClient.GenericExecuteSpec insert = db.sql(
                                    "insert into case_outbox (event_id, case_id, topic, record_key, created_at, event,"
                                            + " traceparent) values (:id, :case, :topic, :key, :at, :event,"
                                            + " coalesce(:traceparent, (select o.traceparent from case_outbox o"
                                            + " where o.case_id = :case and o.traceparent is not null"
                                            + " order by o.position limit 1)))"
                                            + " on conflict (event_id) do nothing")
                            .bind("id", UUID.fromString(decision.getEventId()))
                            .bind("case", caseId)
                            .bind("topic", topic)
                            .bind("key", decision.getHousehold().getValue())
                            .bind("at", clock.instant())
                            .bind("event", OutboxRecords.encode(decision));
                    Optional<String> traceparent = TraceParent.from(context);
                    return (traceparent.isPresent()
                                    ? insert.bind("traceparent", traceparent.get())
                                    : insert.bindNull("traceparent", String.class))
                            .then();
                })
                .then(relay.wakeAfterCommit());
    }
}
