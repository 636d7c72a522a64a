-- One row per alert and channel: the console (delivered when first streamed to the user) and each webhook.
create table deliveries (
    -- a name-based UUID of (alert, channel, endpoint): the webhook's Idempotency-Key, stable across retries
    id               uuid primary key,
    alert_id         uuid        not null references alerts (id),
    channel          text        not null,
    endpoint_id      text references webhook_endpoints (id),
    address          text,
    -- PENDING, DELIVERED, FAILED
    status           text        not null,
    attempts         int         not null default 0,
    next_attempt_at  timestamptz,
    give_up_at       timestamptz,
    -- a dispatcher took it until then; after that (a crash) it is sent again, with the same key
    claimed_until    timestamptz,
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (alert_id, channel)
);

create index deliveries_due on deliveries (next_attempt_at) where status = 'PENDING' and channel <> 'CONSOLE';
