-- The resource library (资源库, issue 6 item 8): organisations are social organisations, caring companies or
-- volunteer teams; their services are service-menu items (checked by the application: the menu is a file, not a
-- table). Free capacity = capacity - their case_referrals rows in PROPOSED or ACCEPTED (V6's
-- case_referrals_open_by_organisation index).

alter table organisations
    add column kind text not null default 'SOCIAL_ORGANISATION'
        check (kind in ('SOCIAL_ORGANISATION', 'CARING_COMPANY', 'VOLUNTEER_TEAM'));

-- matching starts from the community: the organisations covering it
create index organisation_communities_by_community on organisation_communities (community_code);
