package org.zhengce.referral.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.Department;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.referral.topics.DecisionTopics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decisions written for the old {@code decisions.shared} topic and not relayed yet when the service was upgraded
 * (ADR 0014): each is re-written, at start-up before the relay runs, for the topics of the departments it is meant
 * for (the one that decided it, whose programme it is, and its {@code recipients}), then the old row is removed, so
 * none is lost and none goes to a topic that no longer exists. Safe to run on several instances at once: the new
 * rows' ids are derived from the old one.
 */
@Component
class LegacyDecisions implements InitializingBean {

    static final String LEGACY_TOPIC = "decisions.shared";

    private static final Logger log = LoggerFactory.getLogger(LegacyDecisions.class);

    private final DatabaseClient db;
    private final CaseEventOutbox outbox;
    private final DecisionTopics topics;
    private final TransactionalOperator transactions;

    /** {@code migrations}: asked for so that Flyway has migrated the database first. */
    LegacyDecisions(
            DatabaseClient db,
            CaseEventOutbox outbox,
            DecisionTopics topics,
            TransactionalOperator transactions,
            FlywayMigrationInitializer migrations) {
        this.db = db;
        this.outbox = outbox;
        this.topics = topics;
        this.transactions = transactions;
    }

    @Override
    public void afterPropertiesSet() {
        Long split = split().as(transactions::transactional).block(Duration.ofMinutes(2));
        if (split != null && split > 0) {
            log.info("{} unsent {} decision(s) re-written per department", split, LEGACY_TOPIC);
        }
    }

    /** Re-writes every unsent legacy decision per department; emits how many; run inside a transaction. */
    Mono<Long> split() {
        return db.sql("select event_id, case_id, event, traceparent from case_outbox where topic = :topic"
                        + " and sent_at is null order by position")
                .bind("topic", LEGACY_TOPIC)
                .map(row -> new Legacy(
                        Objects.requireNonNull(row.get("event_id", UUID.class)),
                        Objects.requireNonNull(row.get("case_id", UUID.class)),
                        decode(Objects.requireNonNull(row.get("event", byte[].class))),
                        row.get("traceparent", String.class)))
                .all()
                .concatMap(legacy -> Flux.fromIterable(departments(legacy.decision()))
                        .flatMap(department -> Mono.justOrEmpty(topics.of(department)))
                        .concatMap(topic -> outbox.appendDecision(
                                AssistanceDecisionShared.newBuilder(legacy.decision())
                                        .setEventId(UUID.nameUUIDFromBytes((topic.name() + ":" + legacy.eventId())
                                                        .getBytes(StandardCharsets.UTF_8))
                                                .toString())
                                        .build(),
                                legacy.caseId(),
                                topic.name()))
                        // each keeps the trace the old row was written in (ADR 0023)
                        .contextWrite(context -> TraceParent.in(context, legacy.traceparent()))
                        .then(db.sql("delete from case_outbox where event_id = :id")
                                .bind("id", legacy.eventId())
                                .then())
                        .thenReturn(1L))
                .reduce(0L, Long::sum);
    }

    /** The department that decided it, then the ones it is shared with, each once. */
    private static Set<Department> departments(AssistanceDecisionShared decision) {
        Set<Department> departments = new LinkedHashSet<>();
        departments.add(decision.getDecidedBy());
        departments.addAll(decision.getRecipients());
        return departments;
    }

    private static AssistanceDecisionShared decode(byte[] event) {
        try {
            return AssistanceDecisionShared.getDecoder().decode(event);
        } catch (IOException e) {
            throw new UncheckedIOException("an unsent " + LEGACY_TOPIC + " row cannot be read", e);
        }
    }

    private record Legacy(
            UUID eventId,
            UUID caseId,
            AssistanceDecisionShared decision,
            @Nullable String traceparent) {}
}
