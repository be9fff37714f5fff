-- The outbox relay (OutboxRelay) after issue 23: one replica at a time relays a database's outbox, the holder of
-- this lease, which it renews with every claim. A replica that dies leaves the lease to lapse and another takes it.
create table outbox_relay_lease (
    id         smallint    primary key check (id = 1),
    holder     text        not null,
    expires_at timestamptz not null
);

-- A row Kafka refuses for good (too large, an invalid topic) is dead: kept with its error, no longer claimed, so it
-- holds back neither its aggregate nor anything else. outbox_dead_events counts them; the runbook (docs/events/)
-- says how to send one again after a fix.
alter table outbox_event add column dead_at timestamptz;

-- The relay reads the unsent rows in position order: the only index it needs. The pending-aggregate index served
-- the per-row "is an earlier event of this aggregate pending" probe, which the claim no longer makes.
drop index if exists outbox_event_pending_aggregate;
drop index if exists outbox_event_pending;
create index outbox_event_unsent on outbox_event (position) where sent_at is null and dead_at is null;

-- Retention deletes sent rows and processed-event ids by age.
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;
create index processed_event_processed_at on processed_event (processed_at);
