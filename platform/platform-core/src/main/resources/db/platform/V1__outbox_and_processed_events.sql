-- Platform tables every service database carries, migrated by platform-core with their own history table
-- (platform_schema_history) so that they never collide with a service's own migration versions.

-- Transactional outbox: a service inserts its event here in the same transaction as the domain change;
-- the relay publishes pending rows to Kafka. No row-level security: only the relay reads this table.
create table outbox_event (
    position        bigserial   primary key,
    event_id        uuid        not null unique,
    county_code     char(6)     not null,
    aggregate_id    text        not null,
    event_type      text        not null,
    topic           text        not null,
    envelope        text        not null,
    created_at      timestamptz not null default now(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz
);

-- The relay's two questions: what is pending, and is an earlier event of the same aggregate still pending.
create index outbox_event_pending on outbox_event (position) where sent_at is null;
create index outbox_event_pending_aggregate on outbox_event (topic, county_code, aggregate_id, position) where sent_at is null;

-- Idempotent consumers: one row per (consumer, event) processed, written in the transaction of its effect.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    county_code  char(6)     not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
