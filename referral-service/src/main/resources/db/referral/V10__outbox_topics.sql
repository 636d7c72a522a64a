-- The outbox carries decisions.shared besides case.events (ADR 0005): each row names its topic and record key, so
-- a decision is published atomically with the case change that made it.
alter table case_outbox
    add column topic      text not null default 'case.events',
    add column record_key text;

update case_outbox set record_key = case_id::text;

alter table case_outbox alter column record_key set not null;
