-- Programme decisions only from the competent department (issue 15, ADR 0014).
--
-- 1. Each programme names the department that runs it (policies.ProgrammeDefinition.competentDepartment); only that
--    department's AssistanceGranted / AssistanceApplicationRejected moves an application. The demo city's programmes
--    loaded before this version get theirs here, as the policy-library file now says; a programme added through the
--    admin API keeps none until an administrator names it, and then no department's decision on it is accepted.
--    Each change is a revision of the library, as the admin API's are.
with competent (code, department) as (
    values ('DIBAO', 'CIVIL_AFFAIRS'),
           ('EXTREME_POVERTY_SUPPORT', 'CIVIL_AFFAIRS'),
           ('LOW_INCOME', 'CIVIL_AFFAIRS'),
           ('SPENDING_DRIVEN_POVERTY', 'CIVIL_AFFAIRS'),
           ('TEMPORARY_ASSISTANCE', 'CIVIL_AFFAIRS'),
           ('MEDICAL_ASSISTANCE', 'MEDICAL_INSURANCE'),
           ('EDUCATION_AID', 'EDUCATION'),
           ('HOUSING_AID', 'HOUSING'),
           ('EMPLOYMENT_ASSISTANCE', 'HUMAN_RESOURCES_SOCIAL_SECURITY'),
           ('DISABILITY_SUBSIDY', 'CIVIL_AFFAIRS'),
           ('CHILD_WELFARE', 'CIVIL_AFFAIRS')),
changed as (
    insert into policy_library_changes (changed_at, changed_by, programme_code, jurisdiction_code, body)
    select now(), 'migration:V12', p.code, null,
           p.definition || jsonb_build_object('competentDepartment', c.department)
    from programmes p
    join competent c on c.code = p.code
    where p.definition ->> 'competentDepartment' is null
    returning revision, programme_code, body)
update programmes p
set definition = changed.body, revision = changed.revision, updated_at = now(), updated_by = 'migration:V12'
from changed
where p.code = changed.programme_code;

-- 2. A decision on an application the platform follows that came from another department (or on a programme that
--    names no competent department): not applied, not shared, kept here for inspection (and counted:
--    referral.decisions.refused). household.events holds pseudonyms only; the fact is kept as Avro's JSON text.
create table refused_decisions (
    id                 bigint generated always as identity primary key,
    -- HouseholdEvent.platformEventId: the same record delivered twice is kept once
    platform_event_id  text        not null unique,
    department         text        not null,
    programme          text        not null,
    programme_code     text        not null,
    household_number   text        not null,
    case_id            uuid        not null,
    reason             text        not null,
    occurred_at        timestamptz not null,
    refused_at         timestamptz not null,
    fact               text        not null
);

create index refused_decisions_by_department on refused_decisions (department, refused_at);
