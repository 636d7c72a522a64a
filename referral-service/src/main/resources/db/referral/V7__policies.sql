-- The policy library (政策库, issue 6 item 7; ADR 0007): programmes with their eligibility rules as data, and the
-- rules' parameters per jurisdiction (a community reads each parameter from the longest code that is a prefix
-- of its own). Every change is kept in policy_library_changes, whose latest revision is the library's revision:
-- an evaluation names the revision it read, so a plan can show the rule as it was.

create table policy_library_changes (
    revision          bigint generated always as identity primary key,
    changed_at        timestamptz not null,
    changed_by        text        not null,
    programme_code    text        not null,
    -- null: the programme's definition was replaced; else the parameters of this jurisdiction
    jurisdiction_code text,
    body              jsonb       not null
);

-- definition: policies.ProgrammeDefinition as JSON (names, symbol, conditions with their SpEL expressions,
-- estimated monthly amount, excludedBy, shareWith); symbol repeated for SQL readers.
create table programmes (
    code       text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    position   integer     not null,
    symbol     text        not null,
    definition jsonb       not null,
    revision   bigint      not null references policy_library_changes (revision),
    updated_at timestamptz not null,
    updated_by text        not null
);

-- parameters: {"dibaoLineFen": 145000, ...}, numbers. The jurisdiction is a code (city, district, street or
-- community), checked against jurisdictions by the admin API; no foreign key, so that the library can be loaded
-- before or without the jurisdictions seed.
create table programme_parameters (
    programme_code    text        not null references programmes (code) on delete cascade,
    jurisdiction_code text        not null check (jurisdiction_code ~ '^([0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$'),
    parameters        jsonb       not null,
    revision          bigint      not null references policy_library_changes (revision),
    updated_at        timestamptz not null,
    updated_by        text        not null,
    primary key (programme_code, jurisdiction_code)
);

-- Which versions of the policy-library file were loaded (as seed_versions does for the jurisdictions file; a
-- table of its own so that each seed's bookkeeping stays separate).
create table policy_seed_versions (
    seed      text        not null,
    version   text        not null,
    loaded_at timestamptz not null,
    primary key (seed, version)
);
