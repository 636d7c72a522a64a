-- Nothing blocks the relay (issue 15): a record that can never be sent as it is (too large for Kafka, not
-- serialisable, a topic the service may not write) is quarantined, never retried until an operator releases it
-- (POST /admin/outbox/quarantine/{id}/release), and the case's later events wait behind it. A record that failed for
-- a transient reason is tried again at retry_at, the wait doubling with each attempt.
alter table case_outbox
    add column quarantined_at    timestamptz,
    add column quarantine_reason text,
    add column released_at       timestamptz,
    add column attempts          integer not null default 0,
    add column retry_at          timestamptz;

create index case_outbox_quarantined on case_outbox (position) where quarantined_at is not null;
create index case_outbox_unsent_by_case on case_outbox (case_id, position) where sent_at is null;
