-- The idempotency digest becomes a keyed hash under its own secret (ADR 0011): HMAC (HMAC-SHA256, or HMAC-SM3
-- under the sm suite) of the SHA-256 of the event's Avro binary, with the id of the key that made it. Rows written
-- before hold the bare SHA-256 and no key id; intake re-keys them from what they store once, at start-up
-- (a re-send meanwhile is still compared with the bare SHA-256, so it stays idempotent).
alter table event_ledger add column digest_key_id text;
comment on column event_ledger.payload_digest is
    'keyed digest of the event (see digest_key_id); a bare SHA-256 only while digest_key_id is null';

-- Where a household is registered, from the registration and move events intake accepted (HouseholdRegistered,
-- HouseholdChanged, MemberJoined, MemberLeft): a department's jurisdiction scope is checked against this, not against
-- the community an event claims. Keyed by the household number as published, and by each member's pseudonym under
-- the pseudonym key active when it was recorded; never an identity number.
create table registered_communities (
    -- 'household:<household number>' or 'person:<pseudonym key id>:<pseudonym>'
    subject_key    text        primary key,
    community_code text        not null,
    -- the platform event that registered or moved it last
    platform_event_id uuid     not null,
    updated_at     timestamptz not null
);
