package org.zhengce.intake.pipeline;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.intake.validation.ControlCharacters;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The rejected-event store: one multi-row insert per batch, queries by department and time, replay bookkeeping. */
@Repository
class RejectedEventStore {

    private static final HexFormat HEX = HexFormat.of();
    private static final String COLUMNS = "id, department, event_id, event_type, channel, source_ref, rejected_at,"
            + " violations::text, masked_payload, payload_format, replayed_at, replay_outcome, replay_rejection_id";

    private final DatabaseClient db;
    private final JsonMapper json = JsonMapper.builder().build();

    RejectedEventStore(DatabaseClient db) {
        this.db = db;
    }

    /** A rejection to keep, with its payload sealed. */
    record Kept(RejectedEvent event, PayloadSealer.Sealed sealed) {}

    /** The stored form of a violation (its rule by stable code). */
    record StoredViolation(
            String fieldPath, String rule, @Nullable String offendingValue) {}

    Mono<Void> keep(List<Kept> rejections) {
        if (rejections.isEmpty()) {
            return Mono.empty();
        }
        int n = rejections.size();
        String[] ids = new String[n];
        String[] departments = new String[n];
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] channels = new String[n];
        String[] refs = new String[n];
        String[] violations = new String[n];
        String[] masked = new String[n];
        String[] formats = new String[n];
        String[] sealed = new String[n];
        String[] keyIds = new String[n];
        Instant at = rejections.get(0).event().rejectedAt();
        for (int i = 0; i < n; i++) {
            RejectedEvent e = rejections.get(i).event();
            ids[i] = e.id().toString();
            departments[i] = ControlCharacters.escaped(e.department());
            eventIds[i] = e.eventId() == null ? null : ControlCharacters.escaped(e.eventId());
            types[i] = e.eventType() == null ? null : ControlCharacters.escaped(e.eventType());
            channels[i] = e.channel().name();
            refs[i] = ControlCharacters.escaped(e.sourceRef());
            violations[i] = violationsJson(e.violations());
            masked[i] = ControlCharacters.escaped(e.maskedPayload());
            formats[i] = e.payloadFormat().name();
            sealed[i] = HEX.formatHex(rejections.get(i).sealed().bytes());
            keyIds[i] = rejections.get(i).sealed().keyId();
        }
        return db.sql("insert into rejected_events (id, department, event_id, event_type, channel, source_ref,"
                        + " rejected_at, violations, masked_payload, payload_format, sealed_payload, sealing_key_id)"
                        + " select i::uuid, d, e, t, c, r, :at, v::jsonb, m, f, decode(s, 'hex'), k"
                        + " from unnest(:ids::text[], :departments::text[], :eventIds::text[], :types::text[],"
                        + " :channels::text[], :refs::text[], :violations::text[], :masked::text[],"
                        + " :formats::text[], :sealed::text[], :keyIds::text[])"
                        + " as u(i, d, e, t, c, r, v, m, f, s, k)")
                .bind("at", at)
                .bind("ids", ids)
                .bind("departments", departments)
                .bind("eventIds", eventIds)
                .bind("types", types)
                .bind("channels", channels)
                .bind("refs", refs)
                .bind("violations", violations)
                .bind("masked", masked)
                .bind("formats", formats)
                .bind("sealed", sealed)
                .bind("keyIds", keyIds)
                .then();
    }

    /**
     * Rejections in {@code [from, to)}, oldest first, of one department (or all when {@code department} is null).
     */
    Flux<RejectedEvent> list(@Nullable String department, Instant from, Instant to, int limit) {
        var spec = db.sql("select " + COLUMNS + " from rejected_events where rejected_at >= :from and rejected_at < :to"
                        + (department == null ? "" : " and department = :department")
                        + " order by rejected_at, id limit :limit")
                .bind("from", from)
                .bind("to", to)
                .bind("limit", limit);
        if (department != null) {
            spec = spec.bind("department", department);
        }
        return spec.map(this::rejected).all();
    }

    Mono<RejectedEvent> find(UUID id) {
        return db.sql("select " + COLUMNS + " from rejected_events where id = :id")
                .bind("id", id)
                .map(this::rejected)
                .one();
    }

    /** The sealed payload of a rejection, to replay it. */
    Mono<PayloadSealer.Sealed> sealedPayload(UUID id) {
        return db.sql("select sealing_key_id, sealed_payload from rejected_events where id = :id")
                .bind("id", id)
                .map(row ->
                        new PayloadSealer.Sealed(Objects.requireNonNull(row.get(0, String.class)), bytes(row.get(1))))
                .one();
    }

    Mono<Void> recordReplay(UUID id, Instant at, String outcome, @Nullable UUID newRejection) {
        var spec = db.sql("update rejected_events set replayed_at = :at, replay_outcome = :outcome,"
                        + " replay_rejection_id = :newRejection where id = :id")
                .bind("id", id)
                .bind("at", at)
                .bind("outcome", outcome);
        spec = newRejection == null
                ? spec.bindNull("newRejection", UUID.class)
                : spec.bind("newRejection", newRejection);
        return spec.then();
    }

    private RejectedEvent rejected(Readable row) {
        return new RejectedEvent(
                Objects.requireNonNull(row.get(0, UUID.class)),
                Objects.requireNonNull(row.get(1, String.class)),
                row.get(2, String.class),
                row.get(3, String.class),
                Channel.valueOf(row.get(4, String.class)),
                Objects.requireNonNull(row.get(5, String.class)),
                Objects.requireNonNull(row.get(6, Instant.class)),
                violations(Objects.requireNonNull(row.get(7, String.class))),
                Objects.requireNonNull(row.get(8, String.class)),
                PayloadFormat.valueOf(row.get(9, String.class)),
                row.get(10, Instant.class),
                row.get(11, String.class),
                row.get(12, UUID.class));
    }

    String violationsJson(List<Violation> violations) {
        return json.writeValueAsString(violations.stream()
                .map(v -> new StoredViolation(
                        ControlCharacters.escaped(v.fieldPath()),
                        v.ruleCode(),
                        v.offendingValue() == null ? null : ControlCharacters.escaped(v.offendingValue())))
                .toList());
    }

    private List<Violation> violations(String text) {
        List<StoredViolation> stored = json.readValue(text, new TypeReference<List<StoredViolation>>() {});
        return stored.stream()
                .map(v -> new Violation(v.fieldPath(), ValidationRule.ofCode(v.rule()), v.offendingValue()))
                .toList();
    }

    private static byte[] bytes(@Nullable Object value) {
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalStateException("expected bytea");
    }
}
