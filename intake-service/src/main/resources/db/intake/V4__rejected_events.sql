-- Rejected events, kept for inspection and replay. Identity numbers are masked in everything readable here; the
-- payload as received is kept only sealed (AES-256-GCM, key from configuration) so that a replay after a fix can
-- read it again (ADR 0004).

create table rejected_events (
    id               uuid        primary key,
    department       text        not null,
    -- Null when the input was too broken to name them.
    event_id         text,
    event_type       text,
    -- HTTP, NDJSON, CSV, TOPIC or REPLAY; and where: "line 17", "submission <id> row 5", "dept.health.events-2@1234".
    channel          text        not null,
    source_ref       text        not null,
    rejected_at      timestamptz not null,
    -- [{fieldPath, rule, offendingValue}], offending values masked.
    violations       jsonb       not null,
    -- The payload as received, identity numbers masked: JSON text, or Base64 for bytes that are not text.
    masked_payload   text        not null,
    -- JSON (an event as JSON), JSON_TEXT (a CSV row as JSON with text values) or AVRO (Confluent wire bytes).
    payload_format   text        not null,
    sealed_payload   bytea       not null,
    sealing_key_id   text        not null,
    replayed_at      timestamptz,
    -- accepted, duplicate, rejected (see replay_rejection_id) or conflict.
    replay_outcome   text,
    replay_rejection_id uuid
);

create index rejected_events_by_department_time on rejected_events (department, rejected_at);
create index rejected_events_by_time on rejected_events (rejected_at);
