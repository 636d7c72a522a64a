-- The idempotency digest becomes a keyed hash under its own secret (ADR 0011): HMAC (HMAC-SHA256, or HMAC-SM3
-- under the sm suite) of the SHA-256 of the event's Avro binary, with the id of the key that made it. Rows written
-- before hold the bare SHA-256 and no key id; intake re-keys them from what they store once, at start-up
-- (a re-send meanwhile is still compared with the bare SHA-256, so it stays idempotent).
alter table event_ledger add column digest_key_id text;
comment on column event_ledger.payload_digest is
    'keyed digest of the event (see digest_key_id); a bare SHA-256 only while digest_key_id is null';
