-- The outbox of case.events (ADR 0005): written in the same transaction as the case change, relayed to Kafka.
create table case_outbox (
    -- CaseEvent.eventId: a name-based UUID of (case id, case version), so a re-send carries the same id
    event_id    uuid primary key,
    position    bigint generated always as identity unique,
    case_id     uuid        not null,
    created_at  timestamptz not null,
    -- CaseEvent in Avro's single-object encoding (schema fingerprint + binary); serialised for the registry
    -- by the relay
    event       bytea       not null,
    -- set when a relay took the row; a row claimed but not sent after the claim timeout may have reached Kafka
    claimed_at  timestamptz,
    sent_at     timestamptz
);

create index case_outbox_unsent on case_outbox (position) where sent_at is null;
