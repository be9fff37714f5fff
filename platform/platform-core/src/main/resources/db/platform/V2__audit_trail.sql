-- The audit trail: who did what to which record of which county, and who read personal data. Written in the
-- transaction of the action it records; isolated by county like any tenant table; append-only for the service.
create table audit_entry (
    id            bigserial   primary key,
    county_code   char(6)     not null,
    occurred_at   timestamptz not null default now(),
    actor         text        not null,
    -- The token's subject: stable where the name (a username, service-account-<client>) may change or be
    -- reused; null for the platform's own work (consumers, jobs), whose actor is 'system'.
    actor_subject text,
    kind          text        not null check (kind in ('WRITE', 'PERSONAL_DATA_READ')),
    action        text        not null,
    resource_type text        not null,
    resource_id   text        not null
);
create index audit_entry_by_county on audit_entry (county_code, id desc);
select enable_county_isolation('audit_entry');
revoke update, delete, truncate on audit_entry from ${app_role};
