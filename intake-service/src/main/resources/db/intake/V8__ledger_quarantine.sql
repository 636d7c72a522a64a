-- Nothing blocks the relay (issue 15): a ledger row whose record can never be sent as it is (too large for Kafka,
-- a topic intake may not write) is quarantined, never retried until the platform admin releases it
-- (POST /admin/outbox/quarantine/{platformEventId}/release); the household's later unpublished events wait behind it.
-- A row that failed for a transient reason is tried again at retry_at, the wait doubling with each attempt.
alter table event_ledger
    add column quarantined_at    timestamptz,
    add column quarantine_reason text,
    add column released_at       timestamptz,
    add column attempts          integer not null default 0,
    add column retry_at          timestamptz;

create index event_ledger_quarantined on event_ledger (accepted_at) where quarantined_at is not null;
create index event_ledger_unpublished_by_key on event_ledger (record_key, accepted_at) where published_at is null;
