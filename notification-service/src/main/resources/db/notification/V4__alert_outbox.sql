-- The outbox of alert.events (as referral's case_outbox, ADR 0005): written in the transaction that changes the
-- alert, relayed to Kafka.
create table alert_outbox (
    -- AlertEvent.eventId: a name-based UUID of what happened (delivery and attempt, acknowledgement, escalation)
    event_id    uuid primary key,
    position    bigint generated always as identity unique,
    case_id     uuid        not null,
    created_at  timestamptz not null,
    -- AlertEvent in Avro's single-object encoding; serialised for the registry by the relay
    event       bytea       not null,
    claimed_at  timestamptz,
    sent_at     timestamptz
);

create index alert_outbox_unsent on alert_outbox (position) where sent_at is null;
