-- Every read and change of a case: by whom, when, from which jurisdiction. Append-only: the trigger refuses any
-- update, delete or truncate, whoever asks.
create table audit_log (
    id                   bigint generated always as identity primary key,
    at                   timestamptz not null,
    actor                text        not null,
    actor_roles          text[]      not null,
    actor_jurisdictions  text[]      not null,
    action               text        not null,
    case_id              uuid,
    community_code       text,
    outcome              text        not null check (outcome in ('ALLOWED', 'REFUSED')),
    detail               text
);

create index audit_log_by_case on audit_log (case_id, at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op;
end;
$$;

create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only();

create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
