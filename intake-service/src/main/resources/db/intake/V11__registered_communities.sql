-- Where each household (and each person) is registered, from the registration and registered-move events intake
-- accepted: HouseholdRegistered and HouseholdChanged register the household and every member in the fact's
-- community; MemberJoined registers the member where the household is registered. A department's jurisdiction scope is
-- checked against this, not against the community an event claims (issue 15); only a subject never registered here
-- (and a registration itself) is checked against its claim.
-- Written in the same statement as the ledger rows it comes from (EventLedger.claim), only for the events that
-- statement claimed, so it never holds a registration intake did not accept. Never an identity number: a household by
-- its number as household.events publishes it, a person by the pseudonym (and its key id) household.events keys it by.
create table registered_communities (
    -- 'household:<household number>' or 'person:<pseudonym key id>:<pseudonym>'
    subject_key       text        primary key,
    community_code    text        not null,
    -- when the registration happened (the event's occurredAt): a registration reported late never undoes a newer one
    registered_at     timestamptz not null,
    -- the accepted event that registered it last
    platform_event_id uuid        not null references event_ledger (platform_event_id),
    updated_at        timestamptz not null
);
