-- Webhook endpoints: an SMS gateway, an app-push service. Managed by platform admins; the secret signs requests.
create table webhook_endpoints (
    id          text primary key,
    -- AlertChannel: SMS or APP_PUSH
    channel     text        not null,
    url         text        not null,
    secret      text        not null,
    enabled     boolean     not null,
    updated_at  timestamptz not null
);

-- Which channels each user wants besides the console (always on), and where: a phone number, a device token.
create table subscriptions (
    user_id      text not null,
    channel      text not null,
    endpoint_id  text not null references webhook_endpoints (id),
    address      text not null,
    primary key (user_id, channel)
);
