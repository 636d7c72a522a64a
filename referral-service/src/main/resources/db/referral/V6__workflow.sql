-- The workflow (issue 6, item 5 on): a case's stage and current deadline, its visits, its plans (一户一策) and the
-- referrals a plan makes. Statistics read these tables; nothing outside referral does.

-- stage: OPENED -> ASSIGNED -> VISITED -> VERIFIED | DISMISSED; VERIFIED -> REFERRED -> CLOSED; re-opened back
-- to ASSIGNED. status stays the coarse OPEN / CLOSED (one open case per household): DISMISSED and CLOSED are
-- CLOSED.
alter table cases
    add column stage                text        not null default 'ASSIGNED'
        check (stage in ('OPENED', 'ASSIGNED', 'VISITED', 'VERIFIED', 'DISMISSED', 'REFERRED', 'CLOSED')),
    -- the scoring model version that raised the warning the case came from (precision by model version)
    add column model_version        text,
    -- when the warning that opened the case was raised (time from warning to visit)
    add column warning_at           timestamptz,
    -- 先行救助: an urgent case helped first, verified after (its own deadline)
    add column assist_first         boolean     not null default false,
    -- the step now due and when: VISIT, VERIFY, PLAN, REVIEW (a tracking case's periodic visit); null when none
    add column due_step             text        check (due_step in ('VISIT', 'VERIFY', 'PLAN', 'REVIEW')),
    add column due_at               timestamptz,
    -- set when a missed deadline was escalated to the supervisor; cleared when a new deadline is set
    add column overdue_escalated_at timestamptz,
    add column first_visited_at     timestamptz,
    add column verified_at          timestamptz,
    add column dismissed_at         timestamptz,
    add column dismissal_reason     text,
    add column referred_at          timestamptz,
    -- COMPREHENSIVE_SERVICE, REFERRAL, TRACKING once referred
    add column tier                 text,
    -- a tracking case's review interval, from its referral (null: referral.cases.review)
    add column review_interval_days integer,
    add column closed_at            timestamptz,
    add column outcome              text,
    add column reopened_count       integer     not null default 0;

update cases set due_step = 'VISIT', due_at = visit_due_at where status = 'OPEN';

create index cases_due on cases (due_at) where status = 'OPEN' and overdue_escalated_at is null;

-- 入户走访: what an advisor found on a visit. needs: [{"item": "<service-menu item>", "urgency": "SOLVE_NOW" |
-- "IN_STAGES" | "LONG_TERM"}]; facts: the household facts observed (policies.HouseholdFacts as JSON).
create table case_visits (
    id          uuid primary key,
    case_id     uuid        not null references cases (id),
    visited_at  timestamptz not null,
    recorded_at timestamptz not null,
    advisor_id  text        not null,
    findings    text,
    needs       jsonb       not null default '[]',
    facts       jsonb       not null default '{}'
);

create index case_visits_by_case on case_visits (case_id, visited_at);

-- 一户一策: every version of a case's plan is kept. A plan committing resources above the configured amount waits
-- for a supervisor (maker-checker: the approver is never the author).
create table case_plans (
    case_id              uuid        not null references cases (id),
    version              integer     not null,
    status               text        not null
        check (status in ('DRAFT', 'PENDING_APPROVAL', 'CONFIRMED', 'REJECTED', 'SUPERSEDED')),
    tier                 text        not null check (tier in ('COMPREHENSIVE_SERVICE', 'REFERRAL', 'TRACKING')),
    body                 jsonb       not null,
    committed_amount_fen bigint      not null default 0,
    created_by           text        not null,
    created_at           timestamptz not null,
    decided_by           text,
    decided_at           timestamptz,
    decision_note        text,
    primary key (case_id, version)
);

-- What a confirmed plan set going: a programme application followed until the department decides
-- (COMPREHENSIVE_SERVICE: APPLIED -> GRANTED | REJECTED), a referral to an organisation (REFERRAL: PROPOSED ->
-- ACCEPTED | DECLINED, ACCEPTED -> COMPLETED), or long-term monitoring (TRACKING: ACTIVE -> ENDED).
create table case_referrals (
    id                   uuid primary key,
    case_id              uuid        not null references cases (id),
    plan_version         integer     not null,
    tier                 text        not null check (tier in ('COMPREHENSIVE_SERVICE', 'REFERRAL', 'TRACKING')),
    programme            text,
    organisation_id      text        references organisations (id),
    service              text,
    status               text        not null
        check (status in ('APPLIED', 'GRANTED', 'REJECTED', 'PROPOSED', 'ACCEPTED', 'DECLINED', 'COMPLETED',
                          'ACTIVE', 'ENDED')),
    review_interval_days integer,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    feedback             text,
    check ((tier = 'COMPREHENSIVE_SERVICE') = (programme is not null)),
    check ((tier = 'REFERRAL') = (organisation_id is not null))
);

create index case_referrals_by_case on case_referrals (case_id);
-- an organisation's load: its referrals not yet answered or still being served count against its capacity
create index case_referrals_open_by_organisation on case_referrals (organisation_id)
    where status in ('PROPOSED', 'ACCEPTED');
