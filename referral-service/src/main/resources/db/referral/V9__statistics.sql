-- Statistics (issue 6, item 13) read the cases of an area by community-code prefix (community_code like
-- '110105001%') and period of opening; text_pattern_ops lets the prefix use the index whatever the collation.
create index cases_statistics on cases (community_code text_pattern_ops, opened_at);
