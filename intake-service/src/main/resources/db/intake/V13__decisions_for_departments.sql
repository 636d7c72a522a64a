-- Decisions shared back to departments over HTTP (issue 20, item 6; ADR 0032). Intake reads every decisions.<code>
-- topic and keeps each decision here, for the department to poll with a cursor or to receive at its webhook.
-- Nothing about the household but what the decision itself carries: its household number, community, the members'
-- pseudonyms; never an identity number.

-- The cursor: a per-department sequence. Taking the next number locks the department's row until the decision's
-- statement commits, so a department's decisions become visible in the order of their numbers and a poller that read
-- up to n never misses a number below n committed later. A re-delivered decision takes no number.
create table decision_cursors (
    department    text   primary key,
    last_sequence bigint not null
);

create table department_decisions (
    department  text        not null,
    sequence    bigint      not null,
    -- the decision event's id (AssistanceDecisionShared.eventId): a re-delivered record is kept once
    decision_id text        not null,
    decided_at  timestamptz not null,
    -- the decision as departments receive it (the JSON of decisions.SharedDecision)
    decision    jsonb       not null,
    -- where it was read: decisions.<code>-<partition>@<offset>
    source      text        not null,
    received_at timestamptz not null,
    primary key (department, sequence),
    unique (department, decision_id)
);

-- A department's HTTPS endpoint. The signing secret is kept sealed (AES-256-GCM or SM4-GCM under intake's sealing
-- key, the department as associated data): signing needs the secret itself, so it cannot be hashed like an API key.
create table department_webhooks (
    department    text        primary key,
    url           text        not null,
    secret_key_id text        not null,
    secret_sealed bytea       not null,
    -- 'configuration' (intake-service.yml, written at start-up) or 'department' (PUT /departments/me/webhook)
    registered_by text        not null check (registered_by in ('configuration', 'department')),
    registered_at timestamptz not null
);

-- The delivery log: one row per decision kept while its department had a webhook, retried until delivered or given up
-- (failed). State in the database, so a delivery survives a restart; next_attempt_at is also the lease of an attempt in
-- progress (a crashed instance's attempt is taken up again once it has passed).
create table decision_deliveries (
    department      text        not null,
    sequence        bigint      not null,
    -- the webhook-id header: the decision's id, the same on every attempt (the receiver de-duplicates by it)
    webhook_id      text        not null,
    status          text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts        int         not null,
    -- the last answer's HTTP status; null: no answer (refused, timed out)
    last_status     int,
    last_error      text,
    next_attempt_at timestamptz,
    delivered_at    timestamptz,
    created_at      timestamptz not null,
    primary key (department, sequence),
    foreign key (department, sequence) references department_decisions (department, sequence)
);

create index decision_deliveries_due on decision_deliveries (next_attempt_at) where status = 'pending';
