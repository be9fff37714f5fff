-- The household registry. Every table carries county_code and row-level security (enable_county_isolation);
-- primary keys lead with county_code so that the tables can later be distributed by county (Citus).

-- joined_county and village (the county registry's copy) come from platform-core's db/county-copy, migrated first.

create table household (
    county_code          char(6)     not null,
    id                   uuid        not null,
    -- The county's own file number (建档立卡 number): unique in the county, what clerks and imports name.
    file_number          text        not null,
    village_code         char(12)    not null,
    registration_year    smallint    not null check (registration_year between 1990 and 2100),
    status               text        not null check (status in ('REGISTERED', 'LIFTED', 'MONITORED', 'RETURNED')),
    status_reason        text,
    status_changed_at    timestamptz not null default now(),
    helper_cadre         text,
    -- "Two no-worries, three guarantees" (两不愁三保障).
    food_secure          boolean     not null default false,
    clothing_secure      boolean     not null default false,
    compulsory_education boolean     not null default false,
    basic_medical_care   boolean     not null default false,
    safe_housing         boolean     not null default false,
    causes               text[]      not null check (cardinality(causes) >= 1),
    primary_cause        text        not null,
    version              integer     not null default 0,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    primary key (county_code, id),
    unique (county_code, file_number),
    foreign key (county_code, village_code) references village (county_code, code),
    check (primary_cause = any (causes))
);
-- The village list (keyset by file number) and the status and cause filters.
create index household_by_village on household (county_code, village_code, file_number);
create index household_by_status on household (county_code, status, file_number);
select enable_county_isolation('household');

create table member (
    county_code       char(6)  not null,
    id                uuid     not null,
    household_id      uuid     not null,
    name              text     not null,
    relation          text     not null,
    -- Resident ID number and phone: AES-GCM ciphertext (key id, nonce, ciphertext), a keyed hash for exact
    -- lookup and comparison, and the masked form responses show by default.
    resident_id_cipher bytea   not null,
    resident_id_hash  bytea    not null,
    resident_id_masked text    not null,
    -- The id of the key that encrypted this row's personal data (rotation re-encrypts rows of older keys).
    pii_key           text     not null,
    birth_date        date     not null,
    sex               char(1)  not null check (sex in ('M', 'F')),
    phone_cipher      bytea,
    phone_hash        bytea,
    phone_masked      text,
    labour_capacity   text     not null,
    health            text     not null,
    education         text     not null,
    ecommerce_skills  text[]   not null default '{}',
    primary key (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id) on delete cascade,
    -- One person, one household in a county.
    unique (county_code, resident_id_hash)
);
create index member_by_household on member (county_code, household_id);
create index member_by_key on member (county_code, pii_key);
-- One head per household.
create unique index member_one_head on member (county_code, household_id) where relation = 'HEAD';
select enable_county_isolation('member');

create table income_entry (
    county_code  char(6)     not null,
    id           uuid        not null,
    household_id uuid        not null,
    month        date        not null check (extract(day from month) = 1),
    source       text        not null check (source in ('SHOP_SHARE', 'ORDER_PREMIUM', 'WORKSHOP_WAGE', 'DIVIDEND',
                                                        'CROWDFUNDING', 'SUBSIDY', 'OTHER')),
    amount_fen   bigint      not null,
    -- What produced the entry (an event's origin, clerk:<reference>): never counted twice. A correction of the
    -- same origin carries a higher revision and replaces the amount.
    origin       text        not null,
    revision     integer     not null default 1,
    recorded_by  text        not null,
    note         text,
    recorded_at  timestamptz not null default now(),
    primary key (county_code, id),
    unique (county_code, origin),
    foreign key (county_code, household_id) references household (county_code, id)
);
create index income_entry_by_household on income_entry (county_code, household_id, month);
select enable_county_isolation('income_entry');

-- Bulk imports: the job with its counts (progress while it runs) and every rejected row with its reason.
create table import_job (
    county_code          char(6)     not null,
    id                   uuid        not null,
    file_name            text        not null,
    format               text        not null check (format in ('CSV', 'XLSX')),
    status               text        not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    rows_read            integer     not null default 0,
    households_created   integer     not null default 0,
    households_updated   integer     not null default 0,
    households_unchanged integer     not null default 0,
    rows_rejected        integer     not null default 0,
    failure              text,
    started_by           text        not null,
    started_at           timestamptz not null default now(),
    -- Moves on with every committed batch: a RUNNING job that stops moving lost its worker (ImportWatchdog).
    last_progress_at     timestamptz not null default now(),
    finished_at          timestamptz,
    primary key (county_code, id)
);
select enable_county_isolation('import_job');

create table import_rejection (
    county_code char(6) not null,
    job_id      uuid    not null,
    line        integer not null,
    file_number text,
    field       text,
    reason      text    not null,
    foreign key (county_code, job_id) references import_job (county_code, id) on delete cascade
);
create index import_rejection_by_job on import_rejection (county_code, job_id, line);
select enable_county_isolation('import_rejection');
