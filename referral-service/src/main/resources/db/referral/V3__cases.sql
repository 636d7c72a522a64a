-- Cases, opened from warnings: one open case per household.
create table cases (
    id               uuid primary key,
    household_number text        not null,
    community_code   text        not null,
    status           text        not null check (status in ('OPEN', 'CLOSED')),
    urgency          text        not null,
    category         text        not null,
    level            text,
    warning_id       text,
    -- never unowned: the advisor it is assigned to, or the supervisor who owns it until re-assigned
    owner_id         text        not null,
    owner_role       text        not null check (owner_role in ('ADVISOR', 'SUPERVISOR')),
    close_proposed   boolean     not null default false,
    -- the number of case events published so far; the next event's id derives from (id, version + 1)
    version          integer     not null,
    opened_at        timestamptz not null,
    updated_at       timestamptz not null,
    visit_due_at     timestamptz
);

create unique index cases_one_open_per_household on cases (household_number) where status = 'OPEN';
create index cases_by_community on cases (community_code);
create index cases_open_by_owner on cases (owner_id) where status = 'OPEN';

create table case_notes (
    id        bigint generated always as identity primary key,
    case_id   uuid        not null references cases (id),
    at        timestamptz not null,
    author    text,
    text      text        not null
);

create table case_escalations (
    id           bigint generated always as identity primary key,
    case_id      uuid        not null references cases (id),
    at           timestamptz not null,
    reason       text        not null,
    from_urgency text        not null,
    to_urgency   text        not null,
    escalated_to text
);

-- Warning events already applied: the same eventId delivered again changes nothing. Written in the same
-- transaction as the change it caused.
create table processed_warning_events (
    event_id     text primary key,
    warning_id   text        not null,
    case_id      uuid,
    processed_at timestamptz not null
);
