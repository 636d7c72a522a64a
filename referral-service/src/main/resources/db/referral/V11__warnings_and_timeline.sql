-- The web console (issue 13 §6): the warning behind a case with the scoring model's reasons, and every step of a
-- case in one timeline.

-- Every warning applied to a case, raised or escalated (household.warnings); the latest is the case's `warning`.
-- A reason names a department's event and the points it added, never a person: no identity numbers here.
create table case_warnings (
    id            bigint generated always as identity primary key,
    case_id       uuid        not null references cases (id),
    -- the household.warnings event that carried it (applied once)
    event_id      text        not null unique,
    warning_id    text        not null,
    fact          text        not null check (fact in ('RAISED', 'ESCALATED')),
    category      text        not null,
    level         text        not null,
    total         integer     not null,
    -- the warning line crossed; an escalation carries none and keeps the line of the warning it escalates
    threshold     integer,
    model_version text        not null,
    -- when the warning was raised or escalated (the event's occurredAt)
    raised_at     timestamptz not null,
    -- [{"department", "eventId", "eventType", "occurredAt", "dimension", "points"}]
    reasons       jsonb       not null default '[]'
);

create index case_warnings_by_case on case_warnings (case_id, id);

-- Every step of a case, written in the transaction that takes it: when, what (a stable code), who (null: the
-- platform: a warning, a deadline, a department's decision), the case's stage after it, a line of text. position
-- is the order the steps were taken in (a warning's time is scoring's, a user's step is referral's clock).
create table case_timeline (
    position bigint generated always as identity primary key,
    case_id  uuid        not null references cases (id),
    at       timestamptz not null,
    type     text        not null,
    actor    text,
    stage    text,
    text     text        not null
);

create index case_timeline_by_case on case_timeline (case_id, position);

-- The cases opened before: their steps as far as referral's rows tell, in time order, without the stage.
insert into case_timeline (case_id, at, type, actor, stage, text)
select case_id, at, type, actor, null, text
from (
    select id as case_id, opened_at as at, 0 as seq, 'OPENED' as type, null::text as actor,
           'opened from warning ' || coalesce(warning_id, '(none)') || ': ' || category || coalesce(' ' || level, '')
               as text
    from cases
    union all
    select case_id, recorded_at, 1, 'VISITED', advisor_id,
           'visited on ' || visited_at::text || coalesce(': ' || findings, '')
    from case_visits
    union all
    select id, verified_at, 2, 'VERIFIED', null, 'verified' from cases where verified_at is not null
    union all
    select id, dismissed_at, 2, 'DISMISSED', null, 'dismissed: ' || coalesce(dismissal_reason, 'OTHER')
    from cases where dismissed_at is not null
    union all
    select case_id, created_at, 3, case when version = 1 then 'PLAN_DRAFTED' else 'PLAN_EDITED' end, created_by,
           'plan version ' || version || ': ' || tier
    from case_plans
    union all
    select case_id, decided_at, 4,
           case status when 'PENDING_APPROVAL' then 'PLAN_SUBMITTED' when 'REJECTED' then 'PLAN_REJECTED'
               else 'PLAN_CONFIRMED' end,
           decided_by, 'plan version ' || version || ' ' || lower(status) || coalesce(': ' || decision_note, '')
    from case_plans where decided_at is not null and status in ('PENDING_APPROVAL', 'CONFIRMED', 'REJECTED')
    union all
    select case_id, created_at, 5, 'REFERRED', null,
           'referred: ' || tier || coalesce(' ' || programme, '') || coalesce(' to ' || organisation_id, '')
               || coalesce(' (' || service || ')', '')
    from case_referrals
    union all
    select case_id, at, 6, case reason when 'WARNING_ESCALATED' then 'WARNING_ESCALATED' else 'ESCALATED' end, null,
           reason || ': ' || from_urgency || ' to ' || to_urgency || coalesce(', to ' || escalated_to, '')
    from case_escalations
    union all
    select case_id, at, 7, 'NOTE', author, text from case_notes
    union all
    select id, closed_at, 8, 'CLOSED', null, 'closed: ' || coalesce(outcome, 'OTHER')
    from cases where stage = 'CLOSED' and closed_at is not null
) steps
order by at, seq;
