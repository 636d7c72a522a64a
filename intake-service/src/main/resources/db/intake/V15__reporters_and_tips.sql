-- Issue 19 item 1: reporters as people (volunteers, grid workers, neighbours, social workers) and the tips they sent.
-- A reporter signs in through the authorisation server (the token's subject is reporter_id); intake keeps who they are
-- here, beside the department registry, because intake is where a tip is checked and turned into an event (ADR 0036).
create table reporters (
    reporter_id    text primary key,
    reporter_role  text not null check (reporter_role in ('VOLUNTEER', 'GRID_WORKER', 'NEIGHBOUR', 'SOCIAL_WORKER')),
    community_code text not null,
    vouched_by     text not null,
    enabled        boolean not null default true,
    registered_at  timestamptz not null default now()
);

-- The demo city's reporters (the launcher's auth-server.yml signs them in): vouched for by their community's advisor.
insert into reporters (reporter_id, reporter_role, community_code, vouched_by) values
    ('volunteer-zhou-min', 'VOLUNTEER', '110105001001', 'advisor-wang-fang'),
    ('grid-worker-wu-lei', 'GRID_WORKER', '110105002001', 'advisor-zhang-wei');

-- The tips a reporter sent, for "my tips": what they reported, never more; the household number is theirs to know.
create table tips (
    platform_event_id uuid primary key,
    reporter_id       text not null references reporters (reporter_id),
    event_id          text not null,
    household_number  text not null,
    community_code    text not null,
    needs             text[] not null,
    urgency           text not null,
    reported_at       timestamptz not null
);
create index tips_by_reporter on tips (reporter_id, reported_at desc);
