-- Complaints and grievances (issue 19, item 4; ADR 0030): a complaint about a case, one of its decisions or a
-- person who worked on it. Its owner and the handlers above the owner (never the person complained about) are
-- fixed when it is filed, in the order it escalates; only they and the complainant see it. Its deadlines come from
-- its category (referral.complaints.*). Its events go on case.events through case_outbox, keyed by the case.
create table complaints (
    id                    uuid        primary key,
    case_id               uuid        not null references cases (id),
    -- the case's community when it was filed: the area the complaint is counted in
    community_code        text        not null,
    category              text        not null
        check (category in ('SERVICE_QUALITY', 'DECISION_DISPUTED', 'STAFF_CONDUCT', 'DATA_PRIVACY', 'OTHER')),
    subject               text        not null check (subject in ('CASE', 'DECISION', 'PERSON')),
    decision_id           text,
    person_id             text,
    complainant_id        text        not null,
    on_behalf_of_household boolean    not null,
    -- what the complainant says, identity numbers masked as the request was read
    description           text        not null,
    -- the owner first, then each handler above, in escalation order; never person_id
    handlers              text[]      not null check (cardinality(handlers) > 0),
    -- the index in handlers of the highest handler alerted so far (0: the owner)
    handler_level         integer     not null default 0,
    status                text        not null check (status in ('FILED', 'ACKNOWLEDGED', 'RESOLVED')),
    filed_at              timestamptz not null,
    acknowledge_by        timestamptz not null,
    resolve_by            timestamptz not null,
    acknowledged_at       timestamptz,
    acknowledged_by       text,
    resolved_at           timestamptz,
    resolved_by           text,
    outcome               text check (outcome in ('UPHELD', 'PARTLY_UPHELD', 'NOT_UPHELD', 'WITHDRAWN')),
    outcome_note          text,
    -- each deadline escalates once
    acknowledgement_escalated_at timestamptz,
    resolution_escalated_at      timestamptz,
    -- how many events the complaint published; the next one's id derives from it
    version               integer     not null default 0
);

create index complaints_by_complainant on complaints (complainant_id, filed_at desc);
create index complaints_by_handler on complaints using gin (handlers);
create index complaints_open_by_deadline on complaints (acknowledge_by, resolve_by) where status <> 'RESOLVED';
create index complaints_statistics on complaints (community_code text_pattern_ops, filed_at);
