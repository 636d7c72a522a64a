-- Observability (issue 17, ADR 0023): each outbox row keeps the W3C trace context (traceparent) of what wrote it,
-- e.g. the case event that raised the alert, and the relay sends it as the record's traceparent header, so an alert
-- event is in the same trace as the department event behind it. Null for rows written without one.
alter table alert_outbox
    add column traceparent text;
-- The alert keeps it too: the trace of the case event that raised it, for its deliveries.
alter table alerts
    add column traceparent text;
