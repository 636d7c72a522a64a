-- Household feedback on services delivered (issue 20, item 7; 有评价、有反馈): a short evaluation of one service a
-- plan set going (a programme granted, an organisation's referral completed), recorded by the case's advisor or
-- supervisor, or by the organisation that gave it, with what the household said. One per service: the household
-- is asked once. The note is free text, identity numbers masked as the request was read. Statistics average it
-- per area and per organisation.
create table service_feedback (
    id              uuid        primary key,
    referral_id     uuid        not null unique references case_referrals (id),
    case_id         uuid        not null references cases (id),
    -- how satisfied the household is with the service, 1 (not at all) to 5 (very)
    satisfaction    smallint    not null check (satisfaction between 1 and 5),
    -- whether the household says the service reached it (it may say no to a service marked completed)
    delivered       boolean     not null,
    note            text,
    recorded_by     text        not null,
    recorder_role   text        not null check (recorder_role in ('ADVISOR', 'SUPERVISOR', 'ORGANISATION')),
    recorded_at     timestamptz not null
);

create index service_feedback_by_case on service_feedback (case_id, recorded_at);
