-- The catalogue of tenants. Not a tenant table itself (an operator lists every county, a city officer the
-- counties of the city): access is decided in code from the token's scope.
create table county (
    code          char(6)     primary key,
    name_zh       text        not null,
    name_en       text        not null,
    city_code     char(6)     not null,
    province_code char(6)     not null,
    status        text        not null check (status in ('JOINED', 'SUSPENDED')),
    joined_at     timestamptz not null default now(),
    suspended_at  timestamptz
);

-- Townships and villages are the county's own data: isolated by county.
create table township (
    county_code char(6) not null references county (code),
    code        char(9) not null,
    name_zh     text    not null,
    primary key (county_code, code)
);
select enable_county_isolation('township');

create table village (
    county_code   char(6)      not null,
    code          char(12)     not null,
    township_code char(9)      not null,
    name_zh       text         not null,
    poor          boolean      not null,
    latitude      numeric(9, 6),
    longitude     numeric(9, 6),
    primary key (county_code, code),
    foreign key (county_code, township_code) references township (county_code, code)
);
select enable_county_isolation('village');
create index village_by_township on village (county_code, township_code, code);
