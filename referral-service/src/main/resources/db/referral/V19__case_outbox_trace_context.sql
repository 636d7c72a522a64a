-- Observability (issue 17, ADR 0023): each outbox row keeps the W3C trace context (traceparent) of what wrote it,
-- e.g. the warning that opened the case, and the relay sends it as the record's traceparent header, so a case event
-- is in the same trace as the department event behind it. Null for rows written without one.
alter table case_outbox
    add column traceparent text;
