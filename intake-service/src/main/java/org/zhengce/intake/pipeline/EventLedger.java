package org.zhengce.intake.pipeline;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.kit.outbox.QuarantinedRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The idempotency ledger, which is also the outbox of {@code household.events} (ADR 0004). A batch is claimed
 * with one multi-row insert ({@code unnest} of arrays: R2DBC's {@code Statement.add()} would bind row by row),
 * published, then marked with one update.
 */
@Repository
class EventLedger {

    private static final HexFormat HEX = HexFormat.of();

    private final DatabaseClient db;

    EventLedger(DatabaseClient db) {
        this.db = db;
    }

    /**
     * An event ready to be claimed: its ledger row and the record that will be published.
     *
     * @param digest the keyed idempotency digest ({@link EventDigests}), under {@code digestKeyId}
     * @param digestKeyId null only for a row as written before digests were keyed (a bare SHA-256)
     */
    record Entry(
            String eventId,
            UUID platformEventId,
            byte[] digest,
            @Nullable String digestKeyId,
            String eventType,
            OutgoingRecord record) {

        /** A row as written before digests were keyed: the bare SHA-256 of the event, no key id. */
        Entry(String eventId, UUID platformEventId, byte[] bareDigest, String eventType, OutgoingRecord record) {
            this(eventId, platformEventId, bareDigest, null, eventType, record);
        }
    }

    /** A ledger row found for an event id that was already claimed; a null key id marks a bare SHA-256. */
    record Existing(
            String eventId,
            UUID platformEventId,
            byte[] digest,
            @Nullable String digestKeyId,
            Instant acceptedAt,
            boolean published) {}

    /** A row still holding the bare SHA-256 written before digests were keyed. */
    record Unkeyed(String department, String eventId, byte[] bareDigest) {}

    /** A row claimed but not published, as the relay reads it. */
    record Unpublished(
            String department, String eventId, UUID platformEventId, Instant acceptedAt, OutgoingRecord record) {}

    /**
     * What an accepted event registers: {@code subject} (a {@link Registrations} key, never an identity number) is
     * registered in {@code communityCode} since {@code registeredAt} (the event's occurredAt).
     */
    record Registration(String eventId, String subject, String communityCode, Instant registeredAt) {}

    /** Where a subject is registered, and since when. */
    record Registered(String communityCode, Instant registeredAt) {}

    /**
     * Claims every entry not yet in the ledger for {@code department}; emits the event ids claimed by this call.
     * Entries whose id is already there are left alone (see {@link #find}).
     */
    Mono<List<String>> claim(String department, Instant acceptedAt, List<Entry> entries) {
        return claim(department, acceptedAt, entries, List.of());
    }

    /**
     * Claims as {@link #claim(String, Instant, List)} and, in the same statement, records the registrations of the
     * events this call claimed (those of an entry already in the ledger are not recorded again): the registered
     * communities can never disagree with what was accepted. Of several registrations of one subject, the latest
     * {@code registeredAt} wins (a registration reported late does not undo a newer one).
     */
    Mono<List<String>> claim(
            String department, Instant acceptedAt, List<Entry> entries, List<Registration> registrations) {
        if (entries.isEmpty()) {
            return Mono.just(List.of());
        }
        int n = entries.size();
        String[] eventIds = new String[n];
        String[] ids = new String[n];
        String[] digests = new String[n];
        String[] digestKeyIds = new String[n];
        String[] types = new String[n];
        String[] keys = new String[n];
        Integer[] partitions = new Integer[n];
        String[] values = new String[n];
        String[] headers = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            eventIds[i] = e.eventId();
            ids[i] = e.platformEventId().toString();
            digests[i] = HEX.formatHex(e.digest());
            digestKeyIds[i] = e.digestKeyId();
            types[i] = e.eventType();
            keys[i] = e.record().key();
            partitions[i] = e.record().partition();
            values[i] = HEX.formatHex(e.record().value());
            headers[i] = HEX.formatHex(e.record().headers());
        }
        int r = registrations.size();
        String[] registeringEventIds = new String[r];
        String[] subjects = new String[r];
        String[] communities = new String[r];
        String[] registeredAt = new String[r];
        for (int i = 0; i < r; i++) {
            Registration registration = registrations.get(i);
            registeringEventIds[i] = registration.eventId();
            subjects[i] = registration.subject();
            communities[i] = registration.communityCode();
            registeredAt[i] = registration.registeredAt().toString();
        }
        return db.sql("with claimed as (insert into event_ledger (department, event_id, platform_event_id,"
                        + " payload_digest, digest_key_id, event_type, record_key, record_partition, accepted_at,"
                        + " record_value, record_headers)"
                        + " select :department, e, i::uuid, decode(d, 'hex'), dk, t, k, p, :acceptedAt,"
                        + " decode(v, 'hex'), decode(h, 'hex')"
                        + " from unnest(:eventIds::text[], :ids::text[], :digests::text[], :digestKeyIds::text[],"
                        + " :types::text[], :keys::text[], :partitions::int[], :values::text[], :headers::text[])"
                        + " as u(e, i, d, dk, t, k, p, v, h)"
                        + " on conflict (department, event_id) do nothing returning event_id, platform_event_id),"
                        // only what this statement claimed registers; per subject the latest registration of the batch
                        + " registered as (insert into registered_communities (subject_key, community_code,"
                        + " registered_at, platform_event_id, updated_at)"
                        + " select distinct on (r.s) r.s, r.c, r.at, claimed.platform_event_id, :acceptedAt"
                        + " from unnest(:registeringEventIds::text[], :subjects::text[], :communities::text[],"
                        + " :registeredAt::timestamptz[]) with ordinality as r(e, s, c, at, n)"
                        + " join claimed on claimed.event_id = r.e"
                        + " order by r.s, r.at desc, r.n desc"
                        + " on conflict (subject_key) do update set community_code = excluded.community_code,"
                        + " registered_at = excluded.registered_at, platform_event_id = excluded.platform_event_id,"
                        + " updated_at = excluded.updated_at"
                        + " where registered_communities.registered_at <= excluded.registered_at)"
                        + " select event_id from claimed")
                .bind("department", department)
                .bind("registeringEventIds", registeringEventIds)
                .bind("subjects", subjects)
                .bind("communities", communities)
                .bind("registeredAt", registeredAt)
                .bind("acceptedAt", acceptedAt)
                .bind("eventIds", eventIds)
                .bind("ids", ids)
                .bind("digests", digests)
                .bind("digestKeyIds", digestKeyIds)
                .bind("types", types)
                .bind("keys", keys)
                .bind("partitions", partitions)
                .bind("values", values)
                .bind("headers", headers)
                .map(row -> Objects.requireNonNull(row.get(0, String.class)))
                .all()
                .collectList();
    }

    /** The ledger rows of {@code eventIds} of {@code department}, by event id. */
    Mono<Map<String, Existing>> find(String department, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select event_id, platform_event_id, payload_digest, accepted_at, published_at is not null,"
                        + " digest_key_id"
                        + " from event_ledger where department = :department and event_id = any(:eventIds::text[])")
                .bind("department", department)
                .bind("eventIds", eventIds.toArray(String[]::new))
                .map(EventLedger::existing)
                .all()
                .collectMap(Existing::eventId, Function.identity());
    }

    /** Where each of {@code subjects} that was ever registered is registered (one query), by subject. */
    Mono<Map<String, Registered>> registered(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select subject_key, community_code, registered_at from registered_communities"
                        + " where subject_key = any(:subjects::text[])")
                .bind("subjects", subjects.toArray(String[]::new))
                .map(row -> Map.entry(
                        Objects.requireNonNull(row.get(0, String.class)),
                        new Registered(
                                Objects.requireNonNull(row.get(1, String.class)),
                                Objects.requireNonNull(row.get(2, Instant.class)))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Marks the events published: the record is on Kafka, its copy here is no longer needed. */
    Mono<Long> markPublished(Collection<UUID> platformEventIds, Instant publishedAt) {
        if (platformEventIds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("update event_ledger set published_at = :at, record_value = null, record_headers = null"
                        + " where platform_event_id = any(:ids::uuid[]) and published_at is null")
                .bind("at", publishedAt)
                .bind("ids", platformEventIds.stream().map(UUID::toString).toArray(String[]::new))
                .fetch()
                .rowsUpdated();
    }

    /**
     * Up to {@code limit} rows claimed before {@code claimedBefore} and still unpublished, locked for this
     * transaction ({@code for update skip locked}: two relays never take the same row). Not taken: a quarantined row,
     * a row waiting for its retry time, and a row behind either of these with the same record key (a household's
     * events stay in order).
     */
    Flux<Unpublished> lockUnpublished(Instant claimedBefore, Instant now, int limit) {
        return db.sql("select department, event_id, platform_event_id, accepted_at, record_key, record_partition,"
                        + " record_value, record_headers from event_ledger l"
                        + " where published_at is null and accepted_at < :before and quarantined_at is null"
                        + " and (retry_at is null or retry_at <= :now)"
                        + " and not exists (select 1 from event_ledger e where e.record_key = l.record_key"
                        + " and e.published_at is null and e.accepted_at < l.accepted_at"
                        + " and (e.quarantined_at is not null or e.retry_at > :now))"
                        + " order by accepted_at limit :limit for update skip locked")
                .bind("before", claimedBefore)
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> new Unpublished(
                        Objects.requireNonNull(row.get("department", String.class)),
                        Objects.requireNonNull(row.get("event_id", String.class)),
                        Objects.requireNonNull(row.get("platform_event_id", UUID.class)),
                        Objects.requireNonNull(row.get("accepted_at", Instant.class)),
                        new OutgoingRecord(
                                Objects.requireNonNull(row.get("record_key", String.class)),
                                Objects.requireNonNull(row.get("record_partition", Integer.class)),
                                bytes(row, "record_value"),
                                bytes(row, "record_headers"))))
                .all();
    }

    /** Up to {@code limit} rows still holding a bare SHA-256 (written before digests were keyed). */
    Flux<Unkeyed> unkeyed(int limit) {
        return db.sql("select department, event_id, payload_digest from event_ledger where digest_key_id is null"
                        + " limit :limit")
                .bind("limit", limit)
                .map(row -> new Unkeyed(
                        Objects.requireNonNull(row.get(0, String.class)),
                        Objects.requireNonNull(row.get(1, String.class)),
                        bytes(row, 2)))
                .all();
    }

    /**
     * Replaces the bare SHA-256 of each row by its keyed digest, once: a row another instance re-keyed meanwhile is
     * left alone. Emits how many rows changed.
     */
    Mono<Long> rekey(List<Unkeyed> rows, String keyId, Function<byte[], byte[]> keyed) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        int n = rows.size();
        String[] departments = new String[n];
        String[] eventIds = new String[n];
        String[] digests = new String[n];
        for (int i = 0; i < n; i++) {
            departments[i] = rows.get(i).department();
            eventIds[i] = rows.get(i).eventId();
            digests[i] = HEX.formatHex(keyed.apply(rows.get(i).bareDigest()));
        }
        return db.sql("update event_ledger l set payload_digest = decode(u.d, 'hex'), digest_key_id = :keyId"
                        + " from unnest(:departments::text[], :eventIds::text[], :digests::text[]) as u(dep, e, d)"
                        + " where l.department = u.dep and l.event_id = u.e and l.digest_key_id is null")
                .bind("keyId", keyId)
                .bind("departments", departments)
                .bind("eventIds", eventIds)
                .bind("digests", digests)
                .fetch()
                .rowsUpdated();
    }

    /** Sets a row aside: its record can never be sent as it is; only {@link #release} puts it back. */
    Mono<Void> quarantine(UUID platformEventId, String reason, Instant at) {
        return db.sql("update event_ledger set quarantined_at = :at, quarantine_reason = :reason, retry_at = null"
                        + " where platform_event_id = :id and published_at is null")
                .bind("at", at)
                .bind("reason", reason)
                .bind("id", platformEventId)
                .then();
    }

    /**
     * Rows whose send failed for a transient reason: tried again after {@code first}, the wait doubling with each
     * attempt up to {@code longest}.
     */
    Mono<Void> retryLater(Collection<UUID> platformEventIds, Instant now, Duration first, Duration longest) {
        if (platformEventIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("update event_ledger set attempts = attempts + 1, retry_at = :now + make_interval(secs =>"
                        + " least(:first * power(2, least(attempts, 30)), :longest))"
                        + " where platform_event_id = any(:ids::uuid[]) and published_at is null")
                .bind("now", now)
                .bind("first", (double) first.toMillis() / 1000)
                .bind("longest", (double) longest.toMillis() / 1000)
                .bind("ids", platformEventIds.stream().map(UUID::toString).toArray(String[]::new))
                .then();
    }

    /** The quarantined rows, oldest first, with how many later rows of the same key wait behind each. */
    Flux<QuarantinedRecord> quarantined(String outbox, int limit) {
        return db.sql("select l.platform_event_id, l.record_key, l.accepted_at, l.quarantined_at, l.quarantine_reason,"
                        + " (select count(*) from event_ledger e where e.record_key = l.record_key"
                        + " and e.published_at is null and e.accepted_at > l.accepted_at) as held_back"
                        + " from event_ledger l where l.quarantined_at is not null and l.published_at is null"
                        + " order by l.accepted_at limit :limit")
                .bind("limit", limit)
                .map(row -> new QuarantinedRecord(
                        outbox,
                        String.valueOf(row.get("platform_event_id", UUID.class)),
                        row.get("record_key", String.class),
                        Objects.requireNonNull(row.get("accepted_at", Instant.class)),
                        Objects.requireNonNull(row.get("quarantined_at", Instant.class)),
                        Objects.requireNonNullElse(row.get("quarantine_reason", String.class), ""),
                        Objects.requireNonNullElse(row.get("held_back", Long.class), 0L)))
                .all();
    }

    /** Releases a quarantined row: the relay's next pass sends it (and the rows behind it) again. */
    Mono<Boolean> release(UUID platformEventId, Instant at) {
        return db.sql("update event_ledger set quarantined_at = null, retry_at = null, attempts = 0,"
                        + " released_at = :at where platform_event_id = :id and quarantined_at is not null"
                        + " and published_at is null")
                .bind("at", at)
                .bind("id", platformEventId)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** How many rows are quarantined (a gauge: each is an operator's task). */
    Mono<Long> countQuarantined() {
        return db.sql("select count(*) from event_ledger where quarantined_at is not null and published_at is null")
                .map(row -> Objects.requireNonNull(row.get(0, Long.class)))
                .one();
    }

    /** How many events are claimed and not yet published (a gauge: it should stay near zero). */
    Mono<Long> countUnpublished() {
        return db.sql("select count(*) from event_ledger where published_at is null")
                .map(row -> Objects.requireNonNull(row.get(0, Long.class)))
                .one();
    }

    private static Existing existing(Readable row) {
        return new Existing(
                Objects.requireNonNull(row.get(0, String.class)),
                Objects.requireNonNull(row.get(1, UUID.class)),
                bytes(row, 2),
                row.get(5, String.class),
                Objects.requireNonNull(row.get(3, Instant.class)),
                Boolean.TRUE.equals(row.get(4, Boolean.class)));
    }

    private static byte[] bytes(Readable row, int index) {
        return toBytes(row.get(index));
    }

    private static byte[] bytes(Readable row, String column) {
        return toBytes(row.get(column));
    }

    private static byte[] toBytes(@Nullable Object value) {
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalStateException("expected bytea, got " + (value == null ? "null" : value.getClass()));
    }
}
