-- The household registry's households as a service keeps them (platform-core's HouseholdCopy, switched on by
-- platform.household-copy.enabled): only households the registry knows, in the same county, can own a shop, supply
-- an order, work in a workshop or hold a share. No personal data: the registry keeps that. Migrated after the
-- county copy and before the service's tables, so that they may reference household.
create table if not exists household (
    county_code  char(6)     not null,
    id           uuid        not null,
    file_number  text        not null,
    village_code char(12)    not null,
    status       text        not null,
    -- Set by household.removed.v1: the household stays for the records that name it.
    removed_at   timestamptz,
    updated_at   timestamptz not null default now(),
    primary key (county_code, id)
);
select enable_county_isolation('household');
