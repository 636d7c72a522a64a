-- The relay of case.events and decisions.<department> wakes on new rows instead of waiting for its schedule
-- (ADR 0021): every statement that adds rows to case_outbox, or releases one from quarantine, notifies channel
-- 'case_outbox' when its transaction commits (PostgreSQL delivers one notification per channel and transaction,
-- however many statements). The relay's dedicated connection LISTENs on the channel; its schedule
-- (relay-interval) is only the fallback.
create function case_outbox_written() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('case_outbox', '');
    return null;
end
$$;

create trigger case_outbox_written
    after insert or update of quarantined_at on case_outbox
    for each statement
execute function case_outbox_written();
