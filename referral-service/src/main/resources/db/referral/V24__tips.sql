-- Issue 19 item 1: reporters' tips as referral saw them, so that a reporter can learn what became of their tip
-- (received, case opened, visited, closed) without seeing the household's case.
create table tips (
    platform_event_id text primary key,
    reporter_id       text not null,
    household_number  text not null,
    community_code    text not null,
    urgency           text not null,
    needs             text[] not null,
    case_id           uuid,
    reported_at       timestamptz not null,
    received_at       timestamptz not null
);
