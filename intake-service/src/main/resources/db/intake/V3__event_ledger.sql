-- The idempotency ledger, which is also the outbox of household.events (ADR 0004).
-- One row per accepted (department, eventId): claimed before the record is sent, marked published once Kafka has
-- acknowledged it (acks=all). A row still unpublished after a crash is sent by the relay, which first looks for the
-- record on its partition (by its deterministic CloudEvents id) so that nothing is published twice.

create table event_ledger (
    department        text        not null,
    event_id          text        not null,
    -- The platform's id of the event: the CloudEvents id and HouseholdEvent.platformEventId; derived from
    -- (department, eventId), so the same event always gets the same id.
    platform_event_id uuid        not null unique,
    -- SHA-256 of the event's Avro binary (DepartmentEvent) as received: a re-send with another digest is a conflict.
    payload_digest    bytea       not null check (octet_length(payload_digest) = 32),
    event_type        text        not null,
    -- Where the record goes: the household (or person) pseudonym it is keyed by, and the partition that key maps to.
    record_key        text        not null,
    record_partition  integer     not null,
    accepted_at       timestamptz not null,
    -- The serialised record (Confluent wire format, pseudonyms only) and its CloudEvents headers, kept until
    -- published so that the relay can send it after a crash; cleared once published.
    record_value      bytea,
    record_headers    bytea,
    published_at      timestamptz,
    primary key (department, event_id)
);

create index event_ledger_unpublished on event_ledger (accepted_at) where published_at is null;
