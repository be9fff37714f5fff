-- Only this service's tables: joined_county and village (the county copy) are the platform's (db/county-copy).
-- Every tenant table carries county_code, leads its primary key with it (Citus-ready) and gets row-level security.

create table notice (
    county_code  char(6)     not null,
    id           uuid        not null,
    village_code char(12)    not null,
    title        text        not null,
    body         text        not null,
    status       text        not null check (status in ('POSTED', 'WITHDRAWN')),
    posted_by    text        not null,
    posted_at    timestamptz not null,
    withdrawn_at timestamptz,
    primary key (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code)
);
select enable_county_isolation('notice');
create index notice_by_village on notice (county_code, village_code, posted_at desc);

-- Registered households per village, kept from household.registered.v1 (VillageHouseholds): a notice says how many
-- households its village has.
create table village_household (
    county_code  char(6)  not null,
    household_id uuid     not null,
    village_code char(12) not null,
    primary key (county_code, household_id)
);
select enable_county_isolation('village_household');
create index village_household_by_village on village_household (county_code, village_code);
