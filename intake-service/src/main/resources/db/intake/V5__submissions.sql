-- Nightly CSV files: one submission per upload, with a result per row, retrievable later by the submission id.

create table submissions (
    id           uuid        primary key,
    department   text        not null,
    event_type   text        not null,
    file_name    text,
    charset      text        not null,
    received_at  timestamptz not null,
    completed_at timestamptz,
    -- RECEIVED while rows are processed, COMPLETED, or REJECTED (the whole file: wrong encoding, unknown type).
    status       text        not null,
    problem      text,
    rows_total   integer     not null default 0,
    accepted     integer     not null default 0,
    duplicates   integer     not null default 0,
    rejected     integer     not null default 0,
    pending      integer     not null default 0
);

create index submissions_by_department on submissions (department, received_at);

create table submission_rows (
    submission_id     uuid    not null references submissions (id),
    row_number        integer not null,
    event_id          text,
    -- accepted, duplicate, rejected, conflict or pending
    status            text    not null,
    platform_event_id uuid,
    rejection_id      uuid,
    violations        jsonb,
    primary key (submission_id, row_number)
);
