-- The department registry: who may send events to intake, what they may send, and their credentials.

create table departments (
    -- An upper-case code as in EVENTS.md (CIVIL_AFFAIRS); text, not an enum, so new departments need no migration.
    code                  text        primary key check (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    name                  text        not null,
    -- Event type names (the Avro record names, e.g. EmploymentEnded) this department may report.
    allowed_event_types   text[]      not null default '{}',
    -- Area-code prefixes (GB/T 2260 and community codes) the department's events may concern; empty = unrestricted.
    jurisdiction_scope    text[]      not null default '{}',
    rate_limit_per_second integer     not null check (rate_limit_per_second > 0),
    enabled               boolean     not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create table department_api_keys (
    -- The public half of the key ("<keyId>.<secret>"), used to find the row.
    key_id          text        primary key,
    department_code text        not null references departments (code),
    -- SHA-256 of the secret half; the secret itself is never stored.
    secret_hash     bytea       not null check (octet_length(secret_hash) = 32),
    created_at      timestamptz not null,
    -- Null while the key is valid; a key stops working at this instant (rotation or revocation).
    revoked_at      timestamptz
);

create index department_api_keys_by_department on department_api_keys (department_code);
