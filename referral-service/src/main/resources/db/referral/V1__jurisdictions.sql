-- Jurisdictions and the people who work in them (ADR 0005 for the store as a whole).
-- city (4 digits) -> district (6) -> street/town (9) -> community/village (12); a child's code starts with its
-- parent's.

create table jurisdictions (
    code        text primary key check (code ~ '^([0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$'),
    name        text not null,
    level       text not null check (level in ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY')),
    parent_code text references jurisdictions (code),
    check ((level = 'CITY') = (parent_code is null)),
    check (parent_code is null or starts_with(code, parent_code))
);

create table advisors (
    id   text primary key,
    name text not null,
    kind text not null check (kind in ('COMMUNITY_OFFICE_STAFF', 'NEIGHBOURHOOD_ASSISTANCE_WORKER', 'SOCIAL_WORKER'))
);

create table advisor_communities (
    advisor_id     text not null references advisors (id) on delete cascade,
    community_code text not null references jurisdictions (code),
    primary key (advisor_id, community_code)
);

create index advisor_communities_by_community on advisor_communities (community_code);

-- A supervisor covers one street or one district.
create table supervisors (
    id                text primary key,
    name              text not null,
    jurisdiction_code text not null references jurisdictions (code)
);

create index supervisors_by_jurisdiction on supervisors (jurisdiction_code);

create table organisations (
    id       text primary key,
    name     text not null,
    services text[] not null default '{}',
    capacity integer not null check (capacity >= 0)
);

create table organisation_communities (
    organisation_id text not null references organisations (id) on delete cascade,
    community_code  text not null references jurisdictions (code),
    primary key (organisation_id, community_code)
);

-- Which versions of a seed file were loaded: a version is loaded once, whatever the admin API changed since.
create table seed_versions (
    seed      text        not null,
    version   text        not null,
    loaded_at timestamptz not null,
    primary key (seed, version)
);
