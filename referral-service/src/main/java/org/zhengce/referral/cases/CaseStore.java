package org.zhengce.referral.cases;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The case tables: cases, their notes and escalations, the warning events already applied. */
@Repository
class CaseStore implements OpenCaseLoads {

    private static final String COLUMNS = "id, household_number, community_code, urgency, category, level, warning_id,"
            + " model_version, warning_at, owner_id, owner_role, stage, close_proposed, assist_first, due_step, due_at,"
            + " overdue_escalated_at, tier, review_interval_days, version, reopened_count, opened_at, updated_at,"
            + " visit_due_at, first_visited_at, verified_at, dismissed_at, dismissal_reason, referred_at, closed_at,"
            + " outcome";

    private final DatabaseClient db;

    CaseStore(DatabaseClient db) {
        this.db = db;
    }

    /** The household's open case, locked for this transaction. */
    Mono<CaseState> openCaseOf(String householdNumber) {
        return db.sql("select " + COLUMNS + " from cases where household_number = :household and status = 'OPEN'"
                        + " for update")
                .bind("household", householdNumber)
                .map(row -> state(row))
                .one();
    }

    @Override
    public Mono<Map<String, Integer>> openCasesOwnedBy(List<String> ownerIds) {
        return db.sql("select owner_id, count(*) from cases where status = 'OPEN' and owner_id = any(:ids::text[])"
                        + " group by owner_id")
                .bind("ids", ownerIds.toArray(String[]::new))
                .map(row -> Map.entry(
                        Objects.requireNonNull(row.get(0, String.class)),
                        Objects.requireNonNull(row.get(1, Long.class)).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<CaseState> find(UUID caseId, boolean lock) {
        return db.sql("select " + COLUMNS + " from cases where id = :id" + (lock ? " for update" : ""))
                .bind("id", caseId)
                .map(row -> state(row))
                .one();
    }

    /** Up to {@code limit} open cases of a community, by opening time then id, after {@code after} when given. */
    Flux<CaseState> openCasesOf(String communityCode, Cases.@Nullable Position after, int limit) {
        DatabaseClient.GenericExecuteSpec select = db.sql("select " + COLUMNS + " from cases where community_code ="
                        + " :community and status = 'OPEN'" + (after == null ? "" : " and (opened_at, id) > (:at, :id)")
                        + " order by opened_at, id limit :limit")
                .bind("community", communityCode)
                .bind("limit", limit);
        if (after != null) {
            select = select.bind("at", after.at()).bind("id", after.id());
        }
        return select.map(row -> state(row)).all();
    }

    Mono<Void> insert(CaseState c) {
        return db.sql("insert into cases (" + COLUMNS + ", status) values (:id, :household, :community, :urgency,"
                        + " :category, :level, :warning, :model, :warningAt, :owner, :role, :stage, :proposed,"
                        + " :assistFirst, :dueStep, :dueAt, :overdueAt, :tier, :reviewInterval, :version, :reopened,"
                        + " :opened, :updated, :visitDue, :visited, :verified, :dismissed, :dismissalReason,"
                        + " :referred, :closed, :outcome, :status)")
                .bindValues(insertParameters(c))
                .then();
    }

    Mono<Void> update(CaseState c) {
        return db.sql("update cases set urgency = :urgency, category = :category, level = :level,"
                        + " warning_id = :warning, owner_id = :owner, owner_role = :role, stage = :stage,"
                        + " close_proposed = :proposed, assist_first = :assistFirst, due_step = :dueStep,"
                        + " due_at = :dueAt, overdue_escalated_at = case when :overdue then coalesce(overdue_escalated_at,"
                        + " :updated) end, tier = :tier,"
                        + " review_interval_days = :reviewInterval, version = :version, reopened_count = :reopened,"
                        + " updated_at = :updated, first_visited_at = :visited, verified_at = :verified,"
                        + " dismissed_at = :dismissed, dismissal_reason = :dismissalReason, referred_at = :referred,"
                        + " closed_at = :closed, outcome = :outcome, status = :status where id = :id")
                .bindValues(updateParameters(c))
                .then();
    }

    /** The columns a new case sets that an update never changes, and the rest. */
    private static Map<String, Parameter> insertParameters(CaseState c) {
        Map<String, Parameter> p = updateParameters(c);
        p.remove("overdue");
        p.put("household", Parameter.from(c.household().number()));
        p.put("community", Parameter.from(c.household().communityCode()));
        p.put("model", text(c.warning().modelVersion()));
        p.put("warningAt", instant(c.warning().raisedAt()));
        p.put("opened", Parameter.from(c.progress().openedAt()));
        p.put("visitDue", Parameter.from(c.progress().visitDueAt()));
        p.put("overdueAt", instant(c.due().escalated() ? c.updatedAt() : null));
        return p;
    }

    private static Map<String, Parameter> updateParameters(CaseState c) {
        Map<String, Parameter> p = new HashMap<>();
        p.put("id", Parameter.from(c.id()));
        p.put("urgency", Parameter.from(c.warning().urgency().name()));
        p.put("category", Parameter.from(c.warning().category().name()));
        p.put("level", name(c.warning().level()));
        p.put("warning", text(c.warning().id()));
        p.put("owner", Parameter.from(Objects.requireNonNull(c.assignment().ownerId(), "owner")));
        p.put("role", Parameter.from(c.assignment().role().name()));
        p.put("stage", Parameter.from(c.stage().name()));
        p.put("proposed", Parameter.from(c.progress().closeProposed()));
        p.put("assistFirst", Parameter.from(c.progress().assistFirst()));
        p.put("dueStep", name(c.due().step()));
        p.put("dueAt", instant(c.due().at()));
        p.put("overdue", Parameter.from(c.due().escalated()));
        p.put("tier", name(c.referral().tier()));
        p.put("reviewInterval", Parameter.fromOrEmpty(c.referral().reviewIntervalDays(), Integer.class));
        p.put("version", Parameter.from(c.version()));
        p.put("reopened", Parameter.from(c.progress().reopenedCount()));
        p.put("updated", Parameter.from(c.updatedAt()));
        p.put("visited", instant(c.progress().firstVisitedAt()));
        p.put("verified", instant(c.progress().verifiedAt()));
        p.put("dismissed", instant(c.ending().dismissedAt()));
        p.put("dismissalReason", name(c.ending().dismissalReason()));
        p.put("referred", instant(c.referral().referredAt()));
        p.put("closed", instant(c.ending().closedAt()));
        p.put("outcome", name(c.ending().outcome()));
        p.put("status", Parameter.from(c.isOpen() ? "OPEN" : "CLOSED"));
        return p;
    }

    /** Open cases whose due step's deadline passed before {@code now} and was not escalated yet. */
    Flux<UUID> overdue(Instant now, int limit) {
        return db.sql("select id from cases where status = 'OPEN' and overdue_escalated_at is null"
                        + " and due_at < :now order by due_at limit :limit")
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> Objects.requireNonNull(row.get("id", UUID.class)))
                .all();
    }

    Mono<Void> addNote(UUID caseId, Instant at, @Nullable String author, String text) {
        return db.sql("insert into case_notes (case_id, at, author, text) values (:case, :at, :author, :text)")
                .bind("case", caseId)
                .bind("at", at)
                .bind("author", text(author))
                .bind("text", text)
                .then();
    }

    Mono<Void> addEscalation(
            UUID caseId, Instant at, String reason, Urgency from, Urgency to, @Nullable String escalatedTo) {
        return db.sql("insert into case_escalations (case_id, at, reason, from_urgency, to_urgency, escalated_to)"
                        + " values (:case, :at, :reason, :from, :to, :target)")
                .bind("case", caseId)
                .bind("at", at)
                .bind("reason", reason)
                .bind("from", from.name())
                .bind("to", to.name())
                .bind("target", text(escalatedTo))
                .then();
    }

    Flux<CaseView.Note> notes(UUID caseId) {
        return db.sql("select at, author, text from case_notes where case_id = :case order by id")
                .bind("case", caseId)
                .map(row -> new CaseView.Note(
                        Objects.requireNonNull(row.get("at", Instant.class)),
                        row.get("author", String.class),
                        Objects.requireNonNull(row.get("text", String.class))))
                .all();
    }

    Flux<CaseView.Escalation> escalations(UUID caseId) {
        return db.sql("select at, reason, from_urgency, to_urgency, escalated_to from case_escalations"
                        + " where case_id = :case order by id")
                .bind("case", caseId)
                .map(row -> new CaseView.Escalation(
                        Objects.requireNonNull(row.get("at", Instant.class)),
                        Objects.requireNonNull(row.get("reason", String.class)),
                        Urgency.valueOf(row.get("from_urgency", String.class)),
                        Urgency.valueOf(row.get("to_urgency", String.class)),
                        row.get("escalated_to", String.class)))
                .all();
    }

    private static Parameter text(@Nullable String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static Parameter name(@Nullable Enum<?> value) {
        return text(value == null ? null : value.name());
    }

    private static Parameter instant(@Nullable Instant value) {
        return Parameter.fromOrEmpty(value, Instant.class);
    }

    private static <E extends Enum<E>> @Nullable E enumOf(Readable row, String column, Class<E> type) {
        String value = row.get(column, String.class);
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static CaseState state(Readable row) {
        return new CaseState(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("version", Integer.class)),
                CaseStage.valueOf(row.get("stage", String.class)),
                new CaseState.Household(
                        Objects.requireNonNull(row.get("household_number", String.class)),
                        Objects.requireNonNull(row.get("community_code", String.class))),
                new CaseState.Warning(
                        Urgency.valueOf(row.get("urgency", String.class)),
                        WarningCategory.valueOf(row.get("category", String.class)),
                        enumOf(row, "level", WarningLevel.class),
                        row.get("warning_id", String.class),
                        row.get("model_version", String.class),
                        row.get("warning_at", Instant.class)),
                new CaseState.Assignment(
                        row.get("owner_id", String.class),
                        CaseState.OwnerRole.valueOf(row.get("owner_role", String.class))),
                new CaseState.Progress(
                        Objects.requireNonNull(row.get("opened_at", Instant.class)),
                        Objects.requireNonNull(row.get("visit_due_at", Instant.class)),
                        row.get("first_visited_at", Instant.class),
                        row.get("verified_at", Instant.class),
                        Boolean.TRUE.equals(row.get("assist_first", Boolean.class)),
                        Boolean.TRUE.equals(row.get("close_proposed", Boolean.class)),
                        Objects.requireNonNull(row.get("reopened_count", Integer.class))),
                new CaseState.Due(
                        enumOf(row, "due_step", DueStep.class),
                        row.get("due_at", Instant.class),
                        row.get("overdue_escalated_at", Instant.class) != null),
                new CaseState.Referral(
                        enumOf(row, "tier", ReferralTier.class),
                        row.get("review_interval_days", Integer.class),
                        row.get("referred_at", Instant.class)),
                new CaseState.Ending(
                        row.get("dismissed_at", Instant.class),
                        enumOf(row, "dismissal_reason", DismissalReason.class),
                        row.get("closed_at", Instant.class),
                        enumOf(row, "outcome", CaseOutcome.class)),
                Objects.requireNonNull(row.get("updated_at", Instant.class)));
    }
}
