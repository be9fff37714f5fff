-- Shop management. Every tenant table carries county_code and row-level security (enable_county_isolation);
-- primary keys lead with county_code so that the tables can later be distributed by county (Citus).

-- joined_county and village (the county registry's copy) come from platform-core's db/county-copy, migrated first.

-- household (the registry's households, platform-core's HouseholdCopy) comes from db/household-copy, migrated first.

create table shop (
    county_code        char(6)     not null,
    id                 uuid        not null,
    village_code       char(12)    not null,
    name               text        not null check (length(name) between 1 and 100),
    platform           text        not null check (platform in ('TAOBAO', 'JD', 'PINDUODUO', 'DOUYIN', 'WECHAT_MINI_SHOP',
                                                                'OWN_SITE', 'OTHER')),
    url                text,
    owner_category     text        not null check (owner_category in ('POOR_HOUSEHOLD', 'VILLAGE_CADRE', 'COOPERATIVE',
                                                                      'ENTERPRISE', 'ASSOCIATION', 'RETURNING_YOUTH',
                                                                      'GRADUATE', 'DISABLED_ENTREPRENEUR')),
    owner_household_id uuid,
    product_categories text[]      not null default '{}',
    status             text        not null check (status in ('PLANNED', 'OPEN', 'DORMANT', 'CLOSED')),
    status_reason      text,
    status_changed_at  timestamptz not null default now(),
    -- When the shop first opened: the dormancy check only judges months the shop was open for.
    opened_at          timestamptz,
    version            integer     not null default 0,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    primary key (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code),
    foreign key (county_code, owner_household_id) references household (county_code, id),
    check ((owner_category = 'POOR_HOUSEHOLD') = (owner_household_id is not null))
);
-- The list (ordered by name) and its filters; the coverage reads open shops by village.
create index shop_by_name on shop (county_code, name, id);
create index shop_by_village on shop (county_code, village_code, status);
create index shop_by_status on shop (county_code, status);
select enable_county_isolation('shop');

-- "One shop, many households": who the shop lifts, and how its income is shared with them.
create table shop_household (
    county_code     char(6)     not null,
    shop_id         uuid        not null,
    household_id    uuid        not null,
    role            text        not null check (role in ('SUPPLIER', 'EMPLOYEE', 'SHAREHOLDER')),
    rule            text        not null check (rule in ('SALES_SHARE', 'FIXED_MONTHLY')),
    -- SALES_SHARE: basis points (1/100 of a per cent) of the month's net sales; FIXED_MONTHLY: fen per month.
    share_bp        integer     check (share_bp between 1 and 10000),
    fixed_fen       bigint      check (fixed_fen > 0),
    linked_at       timestamptz not null default now(),
    primary key (county_code, shop_id, household_id),
    foreign key (county_code, shop_id) references shop (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id),
    check ((rule = 'SALES_SHARE' and share_bp is not null and fixed_fen is null)
        or (rule = 'FIXED_MONTHLY' and fixed_fen is not null and share_bp is null))
);
create index shop_household_by_household on shop_household (county_code, household_id);
select enable_county_isolation('shop_household');

-- A shop's monthly figures; a correction replaces them and moves the revision on.
create table sales_report (
    county_code char(6)     not null,
    shop_id     uuid        not null,
    month       date        not null check (extract(day from month) = 1),
    orders      integer     not null check (orders >= 0),
    gross_fen   bigint      not null check (gross_fen >= 0),
    refunds_fen bigint      not null check (refunds_fen >= 0),
    revision    integer     not null default 1,
    reported_by text        not null check (reported_by in ('PARTNER', 'CLERK')),
    reporter    text        not null,
    reported_at timestamptz not null default now(),
    primary key (county_code, shop_id, month),
    foreign key (county_code, shop_id) references shop (county_code, id)
);
select enable_county_isolation('sales_report');

-- What each household earned from a month's report, with the rule it earned it by. The month's households and rules
-- are fixed by its first report: a correction changes the figures, not who shared in them or how (a household
-- linked since, or unlinked since, does not change that month's income).
create table income_share (
    county_code  char(6) not null,
    shop_id      uuid    not null,
    month        date    not null,
    household_id uuid    not null,
    role         text    not null,
    rule         text    not null check (rule in ('SALES_SHARE', 'FIXED_MONTHLY')),
    share_bp     integer check (share_bp between 1 and 10000),
    fixed_fen    bigint  check (fixed_fen > 0),
    amount_fen   bigint  not null check (amount_fen >= 0),
    revision     integer not null,
    primary key (county_code, shop_id, month, household_id),
    foreign key (county_code, shop_id, month) references sales_report (county_code, shop_id, month),
    foreign key (county_code, household_id) references household (county_code, id)
);
select enable_county_isolation('income_share');

-- A county's shop-opening subsidy budget for a year: approvals add to committed_fen in one guarded update, so
-- concurrent approvals can never take it past budget_fen.
create table subsidy_budget (
    county_code  char(6)  not null,
    year         smallint not null check (year between 2000 and 2100),
    budget_fen   bigint   not null check (budget_fen >= 0),
    committed_fen bigint  not null default 0,
    updated_at   timestamptz not null default now(),
    primary key (county_code, year),
    check (committed_fen between 0 and budget_fen)
);
select enable_county_isolation('subsidy_budget');

create table subsidy (
    county_code       char(6)     not null,
    id                uuid        not null,
    household_id      uuid        not null,
    shop_id           uuid        not null,
    amount_fen        bigint      not null check (amount_fen > 0),
    status            text        not null check (status in ('SUBMITTED', 'APPROVED', 'REJECTED', 'PAID')),
    submitted_by      text        not null,
    submitted_at      timestamptz not null default now(),
    decided_by        text,
    decided_at        timestamptz,
    budget_year       smallint,
    rejection_reason  text,
    paid_on           date,
    payment_reference text,
    recorded_paid_by  text,
    primary key (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id),
    foreign key (county_code, shop_id) references shop (county_code, id),
    check (status <> 'REJECTED' or rejection_reason is not null),
    check (status not in ('APPROVED', 'PAID') or budget_year is not null),
    check (status <> 'PAID' or paid_on is not null)
);
-- One subsidy per household, ever, and one per shop: a rejected application does not count, anything else does.
create unique index subsidy_once_per_household on subsidy (county_code, household_id) where status <> 'REJECTED';
create unique index subsidy_once_per_shop on subsidy (county_code, shop_id) where status <> 'REJECTED';
create index subsidy_by_status on subsidy (county_code, status, submitted_at);
select enable_county_isolation('subsidy');
