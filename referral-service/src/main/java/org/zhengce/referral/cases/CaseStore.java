package org.zhengce.referral.cases;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The case tables: cases, their notes and escalations, the warning events already applied. */
@Repository
class CaseStore {

    private static final String COLUMNS = "id, household_number, community_code, urgency, category, level, warning_id,"
            + " owner_id, owner_role, close_proposed, version, opened_at, updated_at, visit_due_at";

    private final DatabaseClient db;

    CaseStore(DatabaseClient db) {
        this.db = db;
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

    /** The household's open case, locked for this transaction. */
    Mono<CaseState> openCaseOf(String householdNumber) {
        return db.sql("select " + COLUMNS + " from cases where household_number = :household and status = 'OPEN'"
                        + " for update")
                .bind("household", householdNumber)
                .map(row -> state(row))
                .one();
    }

    Mono<CaseState> find(UUID caseId, boolean lock) {
        return db.sql("select " + COLUMNS + " from cases where id = :id" + (lock ? " for update" : ""))
                .bind("id", caseId)
                .map(row -> state(row))
                .one();
    }

    Flux<CaseState> openCasesOf(String communityCode) {
        return db.sql("select " + COLUMNS + " from cases where community_code = :community and status = 'OPEN'"
                        + " order by opened_at, id")
                .bind("community", communityCode)
                .map(row -> state(row))
                .all();
    }

    Mono<Void> insert(CaseState c) {
        return db.sql("insert into cases (" + COLUMNS + ", status) values (:id, :household, :community, :urgency,"
                        + " :category, :level, :warning, :owner, :role, :proposed, :version, :opened, :updated, :due,"
                        + " 'OPEN')")
                .bindValues(java.util.Map.ofEntries(
                        java.util.Map.entry("id", Parameter.from(c.id())),
                        java.util.Map.entry("household", Parameter.from(c.householdNumber())),
                        java.util.Map.entry("community", Parameter.from(c.communityCode())),
                        java.util.Map.entry(
                                "urgency", Parameter.from(c.urgency().name())),
                        java.util.Map.entry(
                                "category", Parameter.from(c.category().name())),
                        java.util.Map.entry(
                                "level",
                                text(c.level() == null ? null : c.level().name())),
                        java.util.Map.entry("warning", text(c.warningId())),
                        java.util.Map.entry("owner", Parameter.from(Objects.requireNonNull(c.ownerId(), "owner"))),
                        java.util.Map.entry("role", Parameter.from(c.ownerRole().name())),
                        java.util.Map.entry("proposed", Parameter.from(c.closeProposed())),
                        java.util.Map.entry("version", Parameter.from(c.version())),
                        java.util.Map.entry("opened", Parameter.from(c.openedAt())),
                        java.util.Map.entry("updated", Parameter.from(c.updatedAt())),
                        java.util.Map.entry("due", Parameter.from(c.visitDueAt()))))
                .then();
    }

    Mono<Void> update(CaseState c) {
        return db.sql("update cases set urgency = :urgency, category = :category, level = :level, owner_id = :owner,"
                        + " owner_role = :role, close_proposed = :proposed, version = :version, updated_at = :updated"
                        + " where id = :id")
                .bind("id", c.id())
                .bind("urgency", c.urgency().name())
                .bind("category", c.category().name())
                .bind("level", text(c.level() == null ? null : c.level().name()))
                .bind("owner", Objects.requireNonNull(c.ownerId(), "owner"))
                .bind("role", c.ownerRole().name())
                .bind("proposed", c.closeProposed())
                .bind("version", c.version())
                .bind("updated", c.updatedAt())
                .then();
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

    private static CaseState state(Readable row) {
        String level = row.get("level", String.class);
        return new CaseState(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("household_number", String.class)),
                Objects.requireNonNull(row.get("community_code", String.class)),
                Urgency.valueOf(row.get("urgency", String.class)),
                WarningCategory.valueOf(row.get("category", String.class)),
                level == null ? null : WarningLevel.valueOf(level),
                row.get("warning_id", String.class),
                row.get("owner_id", String.class),
                CaseState.OwnerRole.valueOf(row.get("owner_role", String.class)),
                Boolean.TRUE.equals(row.get("close_proposed", Boolean.class)),
                Objects.requireNonNull(row.get("version", Integer.class)),
                Objects.requireNonNull(row.get("opened_at", Instant.class)),
                Objects.requireNonNull(row.get("updated_at", Instant.class)),
                Objects.requireNonNull(row.get("visit_due_at", Instant.class)));
    }
}
