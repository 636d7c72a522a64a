package org.zhengce.referral.decisions;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import reactor.core.publisher.Mono;

/**
 * Decisions refused because they did not come from the department competent for the programme: kept in
 * {@code refused_decisions} (V12) for inspection, once per household event, and counted
 * ({@code referral.decisions.refused}, tagged by the department that sent it and the reason).
 */
@Repository
class RefusedDecisions {

    static final String METER = "referral.decisions.refused";

    private static final Logger log = LoggerFactory.getLogger(RefusedDecisions.class);

    private final DatabaseClient db;
    private final MeterRegistry meters;
    private final Clock clock;

    RefusedDecisions(DatabaseClient db, MeterRegistry meters, Clock clock) {
        this.db = db;
        this.meters = meters;
        this.clock = clock;
    }

    /** Why a decision was refused. */
    enum Reason {
        /** The programme names another department as the one that runs it. */
        NOT_COMPETENT,
        /** The programme names no competent department: no department's decision on it is accepted. */
        NO_COMPETENT_DEPARTMENT
    }

    /** Keeps {@code event}, a decision on {@code programmeCode} for case {@code caseId}, refused for {@code why}. */
    Mono<Void> keep(HouseholdEvent event, String programmeCode, UUID caseId, Reason reason, String why) {
        return db.sql("insert into refused_decisions (platform_event_id, department, programme, programme_code,"
                        + " household_number, case_id, reason, occurred_at, refused_at, fact) values (:event,"
                        + " :department, :programme, :code, :household, :case, :reason, :occurred, :at, :fact)"
                        + " on conflict (platform_event_id) do nothing")
                .bind("event", event.getPlatformEventId())
                .bind("department", event.getDepartment().name())
                .bind("programme", ApplicationDecisions.programmeOf(event).name())
                .bind("code", programmeCode)
                .bind("household", ((HouseholdNumber) event.getSubject()).getValue())
                .bind("case", caseId)
                .bind("reason", reason.name() + ": " + why)
                .bind("occurred", event.getOccurredAt())
                .bind("at", clock.instant())
                .bind("fact", String.valueOf(event.getFact()))
                .fetch()
                .rowsUpdated()
                .doOnNext(kept -> {
                    if (kept > 0) {
                        meters.counter(
                                        METER,
                                        "department",
                                        event.getDepartment().name(),
                                        "reason",
                                        reason.name())
                                .increment();
                        log.warn(
                                "decision {} on {} for case {} refused: {}",
                                event.getPlatformEventId(),
                                programmeCode,
                                caseId,
                                why);
                    }
                })
                .then();
    }
}
