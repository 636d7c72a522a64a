-- The relay of alert.events wakes on new rows instead of waiting for its schedule
-- (ADR 0021): every statement that adds rows to alert_outbox, or releases one from quarantine, notifies channel
-- 'alert_outbox' when its transaction commits (PostgreSQL delivers one notification per channel and transaction,
-- however many statements). The relay's dedicated connection LISTENs on the channel; its schedule
-- (relay-interval) is only the fallback.
create function alert_outbox_written() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('alert_outbox', '');
    return null;
end
$$;

create trigger alert_outbox_written
    after insert or update of quarantined_at on alert_outbox
    for each statement
execute function alert_outbox_written();
