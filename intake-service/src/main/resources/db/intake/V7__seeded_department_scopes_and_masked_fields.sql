-- A department's jurisdiction scope fails closed: empty covers nothing (its events are refused
-- department.jurisdiction-scope, and the admin API refuses a department without areas). The departments V2 seeded
-- with an empty scope (which meant everywhere) get the demo city's area, Chaoyang district (110105, its six communities as
-- communities.txt and demo-city list them); a production deployment sets each department's own areas through the
-- admin API. A scope an admin already named is left as it is.
update departments
set jurisdiction_scope = '{110105}',
    updated_at = now()
where jurisdiction_scope = '{}';

comment on column departments.jurisdiction_scope is
    'Area-code prefixes (GB/T 2260 and community codes) the department''s events may concern; empty covers nothing.';

-- Each CSV row's answer says which free-text fields held an identity number and were masked (paths, never values).
alter table submission_rows add column masked_fields jsonb;
