package org.zhengce.referral.warnings;

import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningRaised;
import org.zhengce.events.WarningReason;
import org.zhengce.referral.cases.CaseWarning;
import org.zhengce.referral.cases.KeptWarnings;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tables {@code case_warnings} (every warning raised or escalated on a case, with its reasons) and
 * {@code processed_warning_events} (the warning events applied already).
 */
@Repository
class CaseWarnings implements KeptWarnings {

    private static final TypeReference<List<CaseWarning.Reason>> REASONS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    CaseWarnings(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records the warning event as applied; false when it was applied before (nothing must change then). */
    Mono<Boolean> claimWarningEvent(String eventId, String warningId, Instant at) {
        return db.sql("insert into processed_warning_events (event_id, warning_id, processed_at)"
                        + " values (:id, :warning, :at) on conflict do nothing")
                .bind("id", eventId)
                .bind("warning", warningId)
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .map(inserted -> inserted > 0);
    }

    /**
     * Keeps a raised or escalated warning on {@code caseId}, inside the intake's transaction (a cleared one has no
     * reasons and is not kept). An escalation's threshold is the one of the warning it escalates.
     */
    Mono<Void> record(UUID caseId, HouseholdWarningEvent warning) {
        Object fact = warning.getFact();
        String kind;
        String category;
        String level;
        int total;
        Integer threshold;
        List<WarningReason> reasons;
        if (fact instanceof WarningRaised raised) {
            kind = "RAISED";
            category = raised.getCategory().name();
            level = raised.getLevel().name();
            total = raised.getTotal();
            threshold = raised.getThreshold();
            reasons = raised.getReasons();
        } else if (fact instanceof WarningEscalated escalated) {
            kind = "ESCALATED";
            category = escalated.getCategory().name();
            level = escalated.getLevel().name();
            total = escalated.getTotal();
            threshold = null;
            reasons = escalated.getReasons();
        } else {
            return Mono.empty();
        }
        List<CaseWarning.Reason> kept = reasons.stream()
                .map(r -> new CaseWarning.Reason(
                        r.getDepartment().name(),
                        r.getEventId(),
                        r.getEventType(),
                        r.getOccurredAt(),
                        r.getDimension().name(),
                        r.getPoints(),
                        r.getRule()))
                .toList();
        DatabaseClient.GenericExecuteSpec insert = db.sql("insert into case_warnings (case_id, event_id, warning_id,"
                        + " fact, category, level, total, threshold, model_version, raised_at, reasons)"
                        + " values (:case, :event, :warning, :fact, :category, :level, :total, coalesce(:threshold,"
                        + " (select w.threshold from case_warnings w where w.warning_id = :warning"
                        + " and w.threshold is not null order by w.id desc limit 1)), :model, :at, :reasons)"
                        + " on conflict (event_id) do nothing")
                .bind("case", caseId)
                .bind("event", warning.getEventId())
                .bind("warning", warning.getWarningId())
                .bind("fact", kind)
                .bind("category", category)
                .bind("level", level)
                .bind("total", total)
                .bind("model", warning.getModelVersion())
                .bind("at", warning.getOccurredAt())
                .bind("reasons", Json.of(json.writeValueAsString(kept)));
        insert = threshold == null ? insert.bindNull("threshold", Integer.class) : insert.bind("threshold", threshold);
        return insert.then();
    }

    @Override
    public Mono<CaseWarning> latest(UUID caseId) {
        return db.sql("select warning_id, category, level, total, threshold, model_version, raised_at, reasons"
                        + " from case_warnings where case_id = :case order by id desc limit 1")
                .bind("case", caseId)
                .map(row -> new CaseWarning(
                        Objects.requireNonNull(row.get("warning_id", String.class)),
                        Objects.requireNonNull(row.get("category", String.class)),
                        Objects.requireNonNull(row.get("level", String.class)),
                        Objects.requireNonNull(row.get("total", Integer.class)),
                        row.get("threshold", Integer.class),
                        Objects.requireNonNull(row.get("model_version", String.class)),
                        Objects.requireNonNull(row.get("raised_at", Instant.class)),
                        json.readValue(
                                Objects.requireNonNull(row.get("reasons", Json.class))
                                        .asString(),
                                REASONS)))
                .one();
    }
}
