-- The county registry's counties and villages as a service keeps them (platform-core's CountyCopy, switched on by
-- platform.county-copy.enabled): a record is made only in a county that joined and in one of its villages.
-- Migrated after the platform's own tables and before the service's, so that its tables may reference village.
-- Which counties joined is public knowledge, not tenant data (no county_code column, no row-level security): jobs
-- that walk every county read it.
create table if not exists joined_county (
    code      char(6)     not null primary key,
    name_zh   text        not null,
    joined_at timestamptz not null default now()
);

create table if not exists village (
    county_code   char(6)  not null,
    code          char(12) not null,
    township_code char(9)  not null,
    name_zh       text     not null,
    poor          boolean  not null,
    primary key (county_code, code)
);
select enable_county_isolation('village');
