package org.zhengce.intake.reporting;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** CSV submissions and their per-row results. */
@Repository
class SubmissionStore {

    private static final String COLUMNS = "id, department, event_type, file_name, charset, received_at, completed_at,"
            + " status, problem, rows_total, accepted, duplicates, rejected, pending";

    private final DatabaseClient db;
    private final JsonMapper json = JsonMapper.builder().build();

    SubmissionStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> open(SubmissionReport s) {
        var spec = db.sql("insert into submissions (id, department, event_type, file_name, charset, received_at,"
                        + " status) values (:id, :department, :type, :fileName, :charset, :receivedAt, :status)")
                .bind("id", s.id())
                .bind("department", s.department())
                .bind("type", s.eventType())
                .bind("charset", s.charset())
                .bind("receivedAt", s.receivedAt())
                .bind("status", s.status());
        spec = s.fileName() == null ? spec.bindNull("fileName", String.class) : spec.bind("fileName", s.fileName());
        return spec.then();
    }

    /** Stores a batch of row results (one statement) and adds them to the submission's counts. */
    Mono<Void> addRows(UUID submission, List<EventResult> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        int n = rows.size();
        Integer[] numbers = new Integer[n];
        String[] eventIds = new String[n];
        String[] statuses = new String[n];
        String[] platformIds = new String[n];
        String[] rejectionIds = new String[n];
        String[] violations = new String[n];
        String[] maskedFields = new String[n];
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        int pending = 0;
        for (int i = 0; i < n; i++) {
            EventResult r = rows.get(i);
            numbers[i] = Math.toIntExact(Objects.requireNonNull(r.line()));
            eventIds[i] = r.eventId();
            statuses[i] = r.status();
            platformIds[i] =
                    r.platformEventId() == null ? null : r.platformEventId().toString();
            rejectionIds[i] = r.rejectionId() == null ? null : r.rejectionId().toString();
            violations[i] = r.violations() == null ? null : json.writeValueAsString(r.violations());
            maskedFields[i] = r.maskedFields() == null ? null : json.writeValueAsString(r.maskedFields());
            switch (r.status()) {
                case "accepted" -> accepted++;
                case "duplicate" -> duplicates++;
                // not kept: intake could not reach a service it depends on; like pending, sent again to learn
                case "pending", "unavailable" -> pending++;
                default -> rejected++;
            }
        }
        Mono<Void> insert = db.sql("insert into submission_rows (submission_id, row_number, event_id, status,"
                        + " platform_event_id, rejection_id, violations, masked_fields)"
                        + " select :submission, n, e, s, p::uuid, r::uuid, v::jsonb, m::jsonb from"
                        + " unnest(:numbers::int[], :eventIds::text[], :statuses::text[], :platformIds::text[],"
                        + " :rejectionIds::text[], :violations::text[], :maskedFields::text[])"
                        + " as u(n, e, s, p, r, v, m)")
                .bind("submission", submission)
                .bind("numbers", numbers)
                .bind("eventIds", eventIds)
                .bind("statuses", statuses)
                .bind("platformIds", platformIds)
                .bind("rejectionIds", rejectionIds)
                .bind("violations", violations)
                .bind("maskedFields", maskedFields)
                .then();
        Mono<Void> count = db.sql("update submissions set rows_total = rows_total + :n, accepted = accepted + :a,"
                        + " duplicates = duplicates + :d, rejected = rejected + :r, pending = pending + :p"
                        + " where id = :id")
                .bind("id", submission)
                .bind("n", n)
                .bind("a", accepted)
                .bind("d", duplicates)
                .bind("r", rejected)
                .bind("p", pending)
                .then();
        return insert.then(count);
    }

    Mono<Void> close(UUID submission, String status, @Nullable String problem, Instant at) {
        var spec = db.sql("update submissions set status = :status, problem = :problem, completed_at = :at"
                        + " where id = :id")
                .bind("id", submission)
                .bind("status", status)
                .bind("at", at);
        spec = problem == null ? spec.bindNull("problem", String.class) : spec.bind("problem", problem);
        return spec.then();
    }

    Mono<SubmissionReport> find(String department, UUID id) {
        return db.sql("select " + COLUMNS + " from submissions where id = :id and department = :department")
                .bind("id", id)
                .bind("department", department)
                .map(SubmissionStore::report)
                .one();
    }

    Flux<EventResult> rows(UUID id) {
        return db.sql("select row_number, event_id, status, platform_event_id, rejection_id, violations::text,"
                        + " masked_fields::text from submission_rows where submission_id = :id order by row_number")
                .bind("id", id)
                .map(row -> {
                    String violations = row.get(5, String.class);
                    String masked = row.get(6, String.class);
                    return new EventResult(
                            Objects.requireNonNull(row.get(0, Integer.class)).longValue(),
                            row.get(1, String.class),
                            Objects.requireNonNull(row.get(2, String.class)),
                            row.get(3, UUID.class),
                            null,
                            row.get(4, UUID.class),
                            violations == null
                                    ? null
                                    : json.readValue(
                                            violations, new TypeReference<List<EventResult.ViolationView>>() {}),
                            masked == null ? null : json.readValue(masked, new TypeReference<List<String>>() {}));
                })
                .all();
    }

    private static SubmissionReport report(Readable row) {
        return new SubmissionReport(
                Objects.requireNonNull(row.get(0, UUID.class)),
                Objects.requireNonNull(row.get(1, String.class)),
                Objects.requireNonNull(row.get(2, String.class)),
                row.get(3, String.class),
                Objects.requireNonNull(row.get(4, String.class)),
                Objects.requireNonNull(row.get(5, Instant.class)),
                row.get(6, Instant.class),
                Objects.requireNonNull(row.get(7, String.class)),
                row.get(8, String.class),
                Objects.requireNonNull(row.get(9, Integer.class)),
                Objects.requireNonNull(row.get(10, Integer.class)),
                Objects.requireNonNull(row.get(11, Integer.class)),
                Objects.requireNonNull(row.get(12, Integer.class)),
                Objects.requireNonNull(row.get(13, Integer.class)));
    }
}
