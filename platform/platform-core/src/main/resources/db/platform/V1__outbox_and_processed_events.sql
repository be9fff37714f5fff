-- Platform tables and functions every service database carries. platform-core migrates them before the
-- service's own migrations, under their own history table (platform_schema_history), so that versions never
-- collide and services can call enable_county_isolation() from their first migration.

-- The service connects as ${app_role}, which owns nothing: it gets data access to every table and sequence
-- the migrating owner creates, now and in later migrations, and nothing more (no DDL, no ownership, so
-- FORCE ROW LEVEL SECURITY binds it).
alter default privileges in schema public grant select, insert, update, delete on tables to ${app_role};
alter default privileges in schema public grant usage, select on sequences to ${app_role};
grant usage on schema public to ${app_role};

-- Row-level security for a tenant table: its rows are visible only inside a transaction whose app.county
-- setting (set by TenantTransactions, transaction-local) names the row's county, and writable only when the
-- setting names exactly that one county. Officers reading across counties set a comma-separated list: they
-- see those counties and can write none of them. Without the setting nothing is visible and every write is
-- rejected. FORCE makes the policies bind the table owner too.
create function enable_county_isolation(tenant_table regclass) returns void
    language plpgsql as
$$
declare
    one_county constant text := 'county_code::text = current_setting(''app.county'', true)';
    listed     constant text := 'county_code::text = any (string_to_array(current_setting(''app.county'', true), '',''))';
begin
    execute format('alter table %s enable row level security', tenant_table);
    execute format('alter table %s force row level security', tenant_table);
    execute format('drop policy if exists county_read on %s', tenant_table);
    execute format('drop policy if exists county_insert on %s', tenant_table);
    execute format('drop policy if exists county_update on %s', tenant_table);
    execute format('drop policy if exists county_delete on %s', tenant_table);
    execute format('create policy county_read on %s for select using (%s)', tenant_table, listed);
    execute format('create policy county_insert on %s for insert with check (%s)', tenant_table, one_county);
    execute format('create policy county_update on %s for update using (%s) with check (%s)', tenant_table, one_county, one_county);
    execute format('create policy county_delete on %s for delete using (%s)', tenant_table, one_county);
end
$$;

-- Transactional outbox: a service inserts its event here in the same transaction as the domain change;
-- the relay publishes pending rows to Kafka. No row-level security: the relay reads every county's rows.
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
