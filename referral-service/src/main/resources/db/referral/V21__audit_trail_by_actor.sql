-- The audit trail read by user (GET /audit?user=, issue 20): what one user read and changed, newest first, without
-- walking the whole trail.
create index audit_trail_by_actor on audit_trail (actor, seq);
