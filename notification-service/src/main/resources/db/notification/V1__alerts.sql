-- What notification knows of each case from case.events: its current advisor (from the last CaseAssigned).
create table case_advisors (
    case_id         uuid primary key,
    advisor_id      text        not null,
    community_code  text        not null,
    updated_at      timestamptz not null
);

-- Every case event applied, recorded in the transaction that applied it: a redelivered event changes nothing.
create table processed_case_events (
    event_id      uuid primary key,
    case_id       uuid        not null,
    processed_at  timestamptz not null
);

-- Each user's alert sequence: the SSE id. Taken with a row lock, so a user's alerts commit in sequence order.
create table user_sequences (
    user_id        text primary key,
    last_sequence  bigint not null
);

create table alerts (
    -- a name-based UUID of (source, recipient)
    id               uuid primary key,
    -- the case event that raised it, or for an escalation the alert that was escalated
    source_id        uuid        not null,
    recipient        text        not null,
    -- per recipient, increasing: the SSE event id
    sequence         bigint      not null,
    case_id          uuid        not null,
    community_code   text        not null,
    -- Urgency symbol of the case when the alert was raised
    urgency          text        not null,
    -- AlertKind
    kind             text        not null,
    detail           text        not null,
    created_at       timestamptz not null,
    -- escalates when not acknowledged by then; null: never
    acknowledge_by   timestamptz,
    read_at          timestamptz,
    acknowledged_at  timestamptz,
    escalated_at     timestamptz,
    escalated_from   uuid references alerts (id),
    unique (source_id, recipient),
    unique (recipient, sequence)
);

create index alerts_due on alerts (acknowledge_by) where acknowledged_at is null and escalated_at is null;
create index alerts_case on alerts (case_id);
create index alerts_community on alerts (community_code, created_at);

create table acknowledgements (
    alert_id         uuid primary key references alerts (id),
    user_id          text        not null,
    acknowledged_at  timestamptz not null,
    note             text
);

create table escalations (
    -- the alert that was escalated (once)
    alert_id           uuid primary key references alerts (id),
    -- UNACKNOWLEDGED or UNDELIVERABLE
    reason             text        not null,
    -- the supervisor alerted; null when nobody is above the recipient
    escalated_to       text,
    escalation_alert   uuid references alerts (id),
    escalated_at       timestamptz not null
);
