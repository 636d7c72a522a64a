-- Contact details of households, from civil affairs' registration events on household.events
-- (HouseholdRegistered, HouseholdChanged): only what an advisor needs for a visit, never the members.
create table household_contacts (
    household_number text primary key,
    community_code   text        not null,
    address          text,
    head_name        text,
    phone            text,
    -- the registration event they come from, and when it happened: an older event never overwrites a newer one
    source_event_id  text        not null,
    occurred_at      timestamptz not null
);
