package org.zhengce.intake.pipeline;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.zhengce.intake.pipeline.LedgerColumns.Column;
import org.zhengce.kit.outbox.QuarantinedRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The idempotency ledger, which is also the outbox of {@code household.events} (ADR 0004, ADR 0018). Append-only: a
 * batch is claimed with one insert of binary arrays ({@link LedgerColumns}), which gives it a batch number; once
 * Kafka has acknowledged the whole batch, one row says so ({@link #markBatchPublished}). No row is updated on the
 * request path. What the relay publishes, and its failures, are recorded in tables of their own.
 */
@Repository
class EventLedger {

    private static final String FLOOR = "(select batch from event_ledger_relay_floor)";

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

    /** What one claim statement took: the event ids it claimed, and the number of their batch. */
    record Claim(List<String> eventIds, long batch) {

        static final Claim NONE = new Claim(List.of(), 0);
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

    /** Whether the ledger row {@code l} is published: before V12, by its batch, or by the relay. */
    private static String published(String l) {
        return "(" + l + ".published_at is not null or exists (select 1 from event_ledger_published p where p.batch = "
                + l + ".batch) or exists (select 1 from event_ledger_relayed r where r.platform_event_id = " + l
                + ".platform_event_id))";
    }

    /** Whether the ledger row {@code l} is not published: the negation of {@link #published}, as anti-joins. */
    private static String unpublished(String l) {
        return "(" + l + ".published_at is null and not exists (select 1 from event_ledger_published p where p.batch = "
                + l + ".batch and p.batch > " + FLOOR + ") and not exists (select 1 from event_ledger_relayed r where"
                + " r.platform_event_id = " + l + ".platform_event_id))";
    }

    /**
     * Claims every entry not yet in the ledger for {@code department}; emits the event ids claimed by this call.
     * Entries whose id is already there are left alone (see {@link #find}).
     */
    Mono<List<String>> claim(String department, Instant acceptedAt, List<Entry> entries) {
        return claim(department, acceptedAt, entries, List.of()).map(Claim::eventIds);
    }

    /**
     * Claims as {@link #claim(String, Instant, List)}, as one batch, and, in the same statement, records the
     * registrations of the events this call claimed (those of an entry already in the ledger are not recorded again):
     * the registered communities can never disagree with what was accepted. Of several registrations of one subject,
     * the latest {@code registeredAt} wins (a registration reported late does not undo a newer one).
     */
    Mono<Claim> claim(String department, Instant acceptedAt, List<Entry> entries, List<Registration> registrations) {
        if (entries.isEmpty()) {
            return Mono.just(Claim.NONE);
        }
        return claim(List.of(new Claiming(department, acceptedAt, entries, registrations)))
                .map(claims -> claims.get(0));
    }

    /**
     * One request's share of a claim statement several requests share ({@link ClaimGroups}): its department, when
     * it accepted its events, what it claims and what they register.
     */
    record Claiming(String department, Instant acceptedAt, List<Entry> entries, List<Registration> registrations) {}

    /**
     * Claims the entries of several requests in one statement, as one batch, each with its own department and
     * acceptance time, and records the registrations of what it claimed; emits each request's {@link Claim}, in the
     * order given. An event id two requests of the group claim for one department goes to the first; the second
     * finds it in the ledger ({@link #find}) as a request that came a moment later would, and its registrations are
     * not recorded (its payload may differ: it is the first's that was accepted).
     */
    Mono<List<Claim>> claim(List<Claiming> group) {
        List<String> departments = new ArrayList<>();
        List<String> acceptedAts = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        List<@Nullable String> digestKeyIds = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<byte[]> headers = new ArrayList<>();
        List<String> registeringDepartments = new ArrayList<>();
        List<String> registeringEventIds = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> communities = new ArrayList<>();
        List<String> registeredAt = new ArrayList<>();
        // (department, event id) -> the request of the group whose claim it is
        Map<String, Integer> claimant = new HashMap<>();
        for (int m = 0; m < group.size(); m++) {
            Claiming member = group.get(m);
            String acceptedAt = member.acceptedAt().toString();
            Set<String> ownEventIds = new HashSet<>();
            for (Entry e : member.entries()) {
                if (claimant.putIfAbsent(claimKey(member.department(), e.eventId()), m) != null) {
                    continue;
                }
                ownEventIds.add(e.eventId());
                departments.add(member.department());
                acceptedAts.add(acceptedAt);
                eventIds.add(e.eventId());
                ids.add(e.platformEventId());
                digests.add(e.digest());
                digestKeyIds.add(e.digestKeyId());
                types.add(e.eventType());
                keys.add(e.record().key());
                partitions.add(e.record().partition());
                values.add(e.record().value());
                headers.add(e.record().headers());
            }
            for (Registration registration : member.registrations()) {
                if (ownEventIds.contains(registration.eventId())) {
                    registeringDepartments.add(member.department());
                    registeringEventIds.add(registration.eventId());
                    subjects.add(registration.subject());
                    communities.add(registration.communityCode());
                    registeredAt.add(registration.registeredAt().toString());
                }
            }
        }
        if (eventIds.isEmpty()) {
            return Mono.just(group.stream().map(member -> Claim.NONE).toList());
        }
        return db.sql("with batch as (select nextval('event_ledger_batch') as number),"
                        + " claimed as (insert into event_ledger (department, event_id, platform_event_id,"
                        + " payload_digest, digest_key_id, event_type, record_key, record_partition, accepted_at,"
                        + " record_value, record_headers, batch)"
                        + " select u.dep, u.e, u.i, u.d, u.dk, u.t, u.k, u.p, u.a, u.v, u.h, batch.number"
                        + " from unnest(:departments::text[], :acceptedAts::timestamptz[], :eventIds::text[],"
                        + " :ids::uuid[], :digests::bytea[], :digestKeyIds::text[], :types::text[], :keys::text[],"
                        + " :partitions::int[], :values::bytea[], :headers::bytea[])"
                        + " as u(dep, a, e, i, d, dk, t, k, p, v, h) cross join batch"
                        + " on conflict (department, event_id) do nothing"
                        + " returning department, event_id, platform_event_id, batch, accepted_at),"
                        // only what this statement claimed registers; per subject the latest registration of the batch
                        + " registered as (insert into registered_communities (subject_key, community_code,"
                        + " registered_at, platform_event_id, updated_at)"
                        + " select distinct on (r.s) r.s, r.c, r.at, claimed.platform_event_id, claimed.accepted_at"
                        + " from unnest(:registeringDepartments::text[], :registeringEventIds::text[],"
                        + " :subjects::text[], :communities::text[], :registeredAt::timestamptz[])"
                        + " with ordinality as r(dep, e, s, c, at, n)"
                        + " join claimed on claimed.department = r.dep and claimed.event_id = r.e"
                        + " order by r.s, r.at desc, r.n desc"
                        + " on conflict (subject_key) do update set community_code = excluded.community_code,"
                        + " registered_at = excluded.registered_at, platform_event_id = excluded.platform_event_id,"
                        + " updated_at = excluded.updated_at"
                        + " where registered_communities.registered_at <= excluded.registered_at)"
                        + " select department, event_id, batch from claimed")
                .bind("departments", Column.text(departments))
                .bind("acceptedAts", Column.text(acceptedAts))
                .bind("registeringDepartments", Column.text(registeringDepartments))
                .bind("registeringEventIds", Column.text(registeringEventIds))
                .bind("subjects", Column.text(subjects))
                .bind("communities", Column.text(communities))
                .bind("registeredAt", Column.text(registeredAt))
                .bind("eventIds", Column.text(eventIds))
                .bind("ids", Column.uuid(ids))
                .bind("digests", Column.bytea(digests))
                .bind("digestKeyIds", Column.text(digestKeyIds))
                .bind("types", Column.text(types))
                .bind("keys", Column.text(keys))
                .bind("partitions", Column.int4(partitions))
                .bind("values", Column.bytea(values))
                .bind("headers", Column.bytea(headers))
                .map(row -> new Claimed(
                        Objects.requireNonNull(row.get(0, String.class)),
                        Objects.requireNonNull(row.get(1, String.class)),
                        Objects.requireNonNull(row.get(2, Long.class))))
                .all()
                .collectList()
                .map(claimed -> {
                    List<List<String>> perMember = new ArrayList<>(group.size());
                    for (int m = 0; m < group.size(); m++) {
                        perMember.add(new ArrayList<>());
                    }
                    long batch = 0;
                    for (Claimed row : claimed) {
                        batch = row.batch();
                        perMember
                                .get(Objects.requireNonNull(claimant.get(claimKey(row.department(), row.eventId()))))
                                .add(row.eventId());
                    }
                    List<Claim> claims = new ArrayList<>(group.size());
                    for (List<String> own : perMember) {
                        claims.add(own.isEmpty() ? Claim.NONE : new Claim(List.copyOf(own), batch));
                    }
                    return claims;
                });
    }

    /** A row the claim statement inserted. */
    private record Claimed(String department, String eventId, long batch) {}

    private static String claimKey(String department, String eventId) {
        return department + '\u0000' + eventId;
    }

    /** The ledger rows of {@code eventIds} of {@code department}, by event id. */
    Mono<Map<String, Existing>> find(String department, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select l.event_id, l.platform_event_id, l.payload_digest, l.accepted_at, " + published("l")
                        + ", l.digest_key_id from event_ledger l"
                        + " where l.department = :department and l.event_id = any(:eventIds::text[])")
                .bind("department", department)
                .bind("eventIds", Column.text(List.copyOf(eventIds)))
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
                .bind("subjects", Column.text(List.copyOf(subjects)))
                .map(row -> Map.entry(
                        Objects.requireNonNull(row.get(0, String.class)),
                        new Registered(
                                Objects.requireNonNull(row.get(1, String.class)),
                                Objects.requireNonNull(row.get(2, Instant.class)))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Marks a whole batch published, in one row: every record of it is on Kafka. */
    Mono<Void> markBatchPublished(long batch, Instant publishedAt) {
        return db.sql("insert into event_ledger_published (batch, published_at) values (:batch, :at)"
                        + " on conflict (batch) do nothing")
                .bind("batch", batch)
                .bind("at", publishedAt)
                .then();
    }

    /** Marks single events published (the relay's, outside their batch); emits how many were not marked before. */
    Mono<Long> markPublished(Collection<UUID> platformEventIds, Instant publishedAt) {
        if (platformEventIds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("insert into event_ledger_relayed (platform_event_id, published_at)"
                        + " select i, :at from unnest(:ids::uuid[]) as u(i) on conflict (platform_event_id) do nothing")
                .bind("at", publishedAt)
                .bind("ids", Column.uuid(List.copyOf(platformEventIds)))
                .fetch()
                .rowsUpdated();
    }

    /**
     * Up to {@code limit} rows claimed before {@code claimedBefore} and still unpublished, locked for this
     * transaction ({@code for update skip locked}: two relays never take the same row). Not taken: a quarantined row,
     * a row waiting for its retry time, and a row behind either of these with the same record key (a household's
     * events stay in order). Only rows above the relay's floor are read.
     */
    Flux<Unpublished> lockUnpublished(Instant claimedBefore, Instant now, int limit) {
        return db.sql("select l.department, l.event_id, l.platform_event_id, l.accepted_at, l.record_key,"
                        + " l.record_partition, l.record_value, l.record_headers from event_ledger l"
                        + " left join event_ledger_attempts a on a.platform_event_id = l.platform_event_id"
                        + " where l.batch > " + FLOOR + " and l.accepted_at < :before and " + unpublished("l")
                        + " and (a.platform_event_id is null or (a.quarantined_at is null"
                        + " and (a.retry_at is null or a.retry_at <= :now)))"
                        + " and not exists (select 1 from event_ledger_attempts ha join event_ledger e"
                        + " on e.department = ha.department and e.event_id = ha.event_id"
                        + " where e.record_key = l.record_key and e.accepted_at < l.accepted_at"
                        + " and (ha.quarantined_at is not null or ha.retry_at > :now) and e.batch > " + FLOOR
                        + " and " + unpublished("e") + ")"
                        + " order by l.accepted_at limit :limit for update of l skip locked")
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

    /**
     * Moves the relay's floor up to just below the oldest batch still unpublished, and never past a batch claimed at
     * or after {@code claimedBefore} (a claim that young may not be visible yet): the relay and the gauges read only
     * above it. Once a pass, never on the request path.
     */
    Mono<Void> advanceFloor(Instant claimedBefore) {
        return db.sql("update event_ledger_relay_floor f set batch = greatest(f.batch, least("
                        + " coalesce((select min(l.batch) - 1 from event_ledger l where l.batch > f.batch and "
                        + unpublished("l") + "), 9223372036854775807),"
                        + " coalesce((select max(l.batch) from event_ledger l where l.batch > f.batch"
                        + " and l.accepted_at < :before), f.batch)))")
                .bind("before", claimedBefore)
                .then();
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
        return db.sql("update event_ledger l set payload_digest = u.d, digest_key_id = :keyId"
                        + " from unnest(:departments::text[], :eventIds::text[], :digests::bytea[]) as u(dep, e, d)"
                        + " where l.department = u.dep and l.event_id = u.e and l.digest_key_id is null")
                .bind("keyId", keyId)
                .bind(
                        "departments",
                        Column.text(rows.stream().map(Unkeyed::department).toList()))
                .bind(
                        "eventIds",
                        Column.text(rows.stream().map(Unkeyed::eventId).toList()))
                .bind(
                        "digests",
                        Column.bytea(rows.stream()
                                .map(row -> keyed.apply(row.bareDigest()))
                                .toList()))
                .fetch()
                .rowsUpdated();
    }

    /** Sets a row aside: its record can never be sent as it is; only {@link #release} puts it back. */
    Mono<Void> quarantine(Unpublished row, String reason, Instant at) {
        return db.sql("insert into event_ledger_attempts (platform_event_id, department, event_id, quarantined_at,"
                        + " quarantine_reason) values (:id, :department, :eventId, :at, :reason)"
                        + " on conflict (platform_event_id) do update set quarantined_at = excluded.quarantined_at,"
                        + " quarantine_reason = excluded.quarantine_reason, retry_at = null")
                .bind("id", row.platformEventId())
                .bind("department", row.department())
                .bind("eventId", row.eventId())
                .bind("at", at)
                .bind("reason", reason)
                .then();
    }

    /**
     * Rows whose send failed for a transient reason: tried again after {@code first}, the wait doubling with each
     * attempt up to {@code longest}.
     */
    Mono<Void> retryLater(Collection<Unpublished> rows, Instant now, Duration first, Duration longest) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("insert into event_ledger_attempts as a (platform_event_id, department, event_id, attempts,"
                        + " retry_at) select u.i, u.d, u.e, 1, :now + make_interval(secs => least(:first, :longest))"
                        + " from unnest(:ids::uuid[], :departments::text[], :eventIds::text[]) as u(i, d, e)"
                        + " on conflict (platform_event_id) do update set attempts = a.attempts + 1,"
                        + " retry_at = :now + make_interval(secs =>"
                        + " least(:first * power(2, least(a.attempts, 30)), :longest))")
                .bind("now", now)
                .bind("first", (double) first.toMillis() / 1000)
                .bind("longest", (double) longest.toMillis() / 1000)
                .bind(
                        "ids",
                        Column.uuid(
                                rows.stream().map(Unpublished::platformEventId).toList()))
                .bind(
                        "departments",
                        Column.text(rows.stream().map(Unpublished::department).toList()))
                .bind(
                        "eventIds",
                        Column.text(rows.stream().map(Unpublished::eventId).toList()))
                .then();
    }

    /** The quarantined rows, oldest first, with how many later rows of the same key wait behind each. */
    Flux<QuarantinedRecord> quarantined(String outbox, int limit) {
        return db.sql("select a.platform_event_id, l.record_key, l.accepted_at, a.quarantined_at, a.quarantine_reason,"
                        + " (select count(*) from event_ledger e where e.batch > " + FLOOR
                        + " and e.record_key = l.record_key and e.accepted_at > l.accepted_at and " + unpublished("e")
                        + ") as held_back"
                        + " from event_ledger_attempts a"
                        + " join event_ledger l on l.department = a.department and l.event_id = a.event_id"
                        + " where a.quarantined_at is not null and not exists (select 1 from event_ledger_relayed r"
                        + " where r.platform_event_id = a.platform_event_id)"
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
        return db.sql("update event_ledger_attempts a set quarantined_at = null, retry_at = null, attempts = 0,"
                        + " released_at = :at where a.platform_event_id = :id and a.quarantined_at is not null"
                        + " and not exists (select 1 from event_ledger_relayed r"
                        + " where r.platform_event_id = a.platform_event_id)")
                .bind("at", at)
                .bind("id", platformEventId)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** How many rows are quarantined (a gauge: each is an operator's task). */
    Mono<Long> countQuarantined() {
        return db.sql("select count(*) from event_ledger_attempts a where a.quarantined_at is not null"
                        + " and not exists (select 1 from event_ledger_relayed r"
                        + " where r.platform_event_id = a.platform_event_id)")
                .map(row -> Objects.requireNonNull(row.get(0, Long.class)))
                .one();
    }

    /** How many events are claimed and not yet published (a gauge: it should stay near zero). */
    Mono<Long> countUnpublished() {
        return db.sql("select count(*) from event_ledger l where l.batch > " + FLOOR + " and " + unpublished("l"))
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
