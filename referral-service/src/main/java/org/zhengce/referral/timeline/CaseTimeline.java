package org.zhengce.referral.timeline;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The table {@code case_timeline}: every step of a case, written in the transaction that takes it, in the order
 * taken ({@code position}).
 */
@Repository
public class CaseTimeline {

    private final DatabaseClient db;

    CaseTimeline(DatabaseClient db) {
        this.db = db;
    }

    /** A step in its place in the timeline, {@code position} ordering it among the case's steps. */
    public record Positioned(long position, TimelineEntry entry) {}

    /** Adds a step, inside the caller's transaction; without a stage, the case's stage as it stands now. */
    public Mono<Void> record(UUID caseId, TimelineEntry entry) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("insert into case_timeline (case_id, at, type, actor,"
                        + " stage, text) select :case, :at, :type, :actor, coalesce(:stage, c.stage), :text"
                        + " from cases c where c.id = :case")
                .bind("case", caseId)
                .bind("at", entry.at())
                .bind("type", entry.type().name())
                .bind("text", entry.text());
        insert = entry.actor() == null ? insert.bindNull("actor", String.class) : insert.bind("actor", entry.actor());
        insert = entry.stage() == null ? insert.bindNull("stage", String.class) : insert.bind("stage", entry.stage());
        return insert.then();
    }

    /** Up to {@code limit} steps of the case after {@code position} (0: from the first), oldest first. */
    public Flux<Positioned> after(UUID caseId, long position, int limit) {
        return db.sql("select position, at, type, actor, stage, text from case_timeline where case_id = :case"
                        + " and position > :after order by position limit :limit")
                .bind("case", caseId)
                .bind("after", position)
                .bind("limit", limit)
                .map(row -> new Positioned(
                        Objects.requireNonNull(row.get("position", Long.class)),
                        new TimelineEntry(
                                Objects.requireNonNull(row.get("at", Instant.class)),
                                StepType.valueOf(row.get("type", String.class)),
                                row.get("actor", String.class),
                                row.get("stage", String.class),
                                Objects.requireNonNull(row.get("text", String.class)))))
                .all();
    }
}
