-- The ledger becomes append-only (ADR 0018): a batch of events is claimed by one insert and never updated per event.
-- Every claim statement takes one batch number; once Kafka has acknowledged the whole batch, one row in
-- event_ledger_published says so. What the relay publishes after a crash (or after Kafka did not answer in time) is
-- recorded per event in event_ledger_relayed, and its failures in event_ledger_attempts: both small, and written only
-- off the request path. The record copy stays in its row (it is no longer cleared: clearing it was the update).
-- A row is published when published_at is set (rows published before this migration), its batch is in
-- event_ledger_published, or it is in event_ledger_relayed.

create sequence event_ledger_batch;

alter table event_ledger add column batch bigint;

-- Rows of the V3-V11 schema still unpublished get a batch each, so that the relay finds them as it finds new ones;
-- rows published before keep published_at and no batch.
update event_ledger set batch = nextval('event_ledger_batch') where published_at is null;

create table event_ledger_published (
    batch        bigint      primary key,
    published_at timestamptz not null
);

create table event_ledger_relayed (
    platform_event_id uuid        primary key,
    published_at      timestamptz not null
);

-- The relay's failures: a transient one is tried again at retry_at (the wait doubling with each attempt), a
-- quarantined row waits for the platform admin's release (V8's columns, moved here).
create table event_ledger_attempts (
    platform_event_id uuid        primary key,
    department        text        not null,
    event_id          text        not null,
    attempts          integer     not null default 0,
    retry_at          timestamptz,
    quarantined_at    timestamptz,
    quarantine_reason text,
    released_at       timestamptz
);

insert into event_ledger_attempts (platform_event_id, department, event_id, attempts, retry_at, quarantined_at,
                                   quarantine_reason, released_at)
select platform_event_id, department, event_id, attempts, retry_at, quarantined_at, quarantine_reason, released_at
from event_ledger
where published_at is null and (attempts > 0 or quarantined_at is not null or released_at is not null);

-- Below this batch every row is published (or was before this migration): the relay and the gauges read only above
-- it. Moved by the relay once per pass, never by a request.
create table event_ledger_relay_floor (
    only_row boolean primary key default true check (only_row),
    batch    bigint  not null
);
insert into event_ledger_relay_floor (batch) values (0);

-- The indexes that every claim and every mark maintained: only the primary key (department, event_id) stays, plus a
-- BRIN on the batch (a few bytes per range of pages; batches grow with the table) for the relay's scan above its floor.
-- registered_communities names its event by platform_event_id, derived from (department, event_id), which the
-- primary key already keeps unique; its foreign key needed a unique index of its own on every claim.
alter table registered_communities drop constraint if exists registered_communities_platform_event_id_fkey;
alter table event_ledger drop constraint if exists event_ledger_platform_event_id_key;
drop index if exists event_ledger_unpublished;
drop index if exists event_ledger_unpublished_by_key;
drop index if exists event_ledger_quarantined;
alter table event_ledger
    drop column quarantined_at,
    drop column quarantine_reason,
    drop column released_at,
    drop column attempts,
    drop column retry_at;
create index event_ledger_by_batch on event_ledger using brin (batch) with (autosummarize = on);
