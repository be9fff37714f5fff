-- Supply platform. Only this service's tables: joined_county and village (the county copy, db/county-copy) and
-- household (the household copy, db/household-copy) are the platform's, migrated first. Every tenant table carries
-- county_code, leads its primary key with it (Citus-ready) and gets row-level security. Money in fen (bigint);
-- quantities in thousandths of the product's unit (bigint), so that 12.345 kg is exact.

-- Enterprises, farmer cooperatives and e-commerce associations of the county.
create table organisation (
    county_code  char(6)     not null,
    id           uuid        not null,
    kind         text        not null check (kind in ('ENTERPRISE', 'COOPERATIVE', 'ASSOCIATION')),
    name         text        not null check (length(name) between 1 and 100),
    -- The unified social credit code (GB 32100-2015), check character verified; one organisation per code and county.
    legal_id     char(18)    not null,
    contact_name text        not null check (length(contact_name) between 1 and 50),
    village_code char(12),
    registered_by text       not null,
    registered_at timestamptz not null,
    primary key (county_code, id),
    unique (county_code, legal_id),
    foreign key (county_code, village_code) references village (county_code, code)
);
select enable_county_isolation('organisation');

-- Registered households that are members of a cooperative or association.
create table organisation_member (
    county_code     char(6)     not null,
    organisation_id uuid        not null,
    household_id    uuid        not null,
    joined_on       date        not null,
    primary key (county_code, organisation_id, household_id),
    foreign key (county_code, organisation_id) references organisation (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id)
);
select enable_county_isolation('organisation_member');
create index organisation_member_by_household on organisation_member (county_code, household_id);

-- A county speciality an organisation offers.
create table product (
    county_code     char(6)     not null,
    id              uuid        not null,
    organisation_id uuid        not null,
    name            text        not null check (length(name) between 1 and 100),
    category        text        not null,
    unit            text        not null check (unit in ('KG', 'PIECE', 'BOX', 'LITRE')),
    registered_at   timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, organisation_id) references organisation (county_code, id)
);
select enable_county_isolation('product');

-- The market reference price of a product for a month, per unit, entered by the county or a partner's feed.
create table reference_price (
    county_code char(6)     not null,
    product_id  uuid        not null,
    month       date        not null check (extract(day from month) = 1),
    price_fen   bigint      not null check (price_fen > 0),
    source      text        not null,
    set_by      text        not null,
    set_at      timestamptz not null,
    primary key (county_code, product_id, month),
    foreign key (county_code, product_id) references product (county_code, id)
);
select enable_county_isolation('reference_price');

-- "Enterprise + poor households": an organisation's agreed price for a product and season with registered households.
create table purchase_order (
    county_code     char(6)     not null,
    id              uuid        not null,
    organisation_id uuid        not null,
    product_id      uuid        not null,
    season          integer     not null check (season between 2000 and 2100),
    price_fen       bigint      not null check (price_fen > 0),
    agreed_by       text        not null,
    agreed_at       timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, organisation_id) references organisation (county_code, id),
    foreign key (county_code, product_id) references product (county_code, id)
);
select enable_county_isolation('purchase_order');

create table purchase_order_household (
    county_code  char(6) not null,
    order_id     uuid    not null,
    household_id uuid    not null,
    primary key (county_code, order_id, household_id),
    foreign key (county_code, order_id) references purchase_order (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id)
);
select enable_county_isolation('purchase_order_household');

-- One household's delivery under an order. Payment puts amount_fen into the household's ledger (ORDER_PREMIUM);
-- premium_fen is the part above the month's reference price. A correction of a paid delivery raises revision and
-- replaces the ledger entry (same origin), never adds one.
create table delivery (
    county_code         char(6)     not null,
    id                  uuid        not null,
    order_id            uuid        not null,
    household_id        uuid        not null,
    delivered_on        date        not null,
    quantity_milli      bigint      not null check (quantity_milli > 0),
    grade               text        not null,
    reference_price_fen bigint      not null,
    amount_fen          bigint      not null check (amount_fen >= 0),
    premium_fen         bigint      not null check (premium_fen >= 0),
    status              text        not null check (status in ('RECORDED', 'PAID')),
    paid_on             date,
    revision            integer     not null default 1,
    recorded_by         text        not null,
    recorded_at         timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, order_id, household_id) references purchase_order_household (county_code, order_id, household_id)
);
select enable_county_isolation('delivery');
create index delivery_by_order on delivery (county_code, order_id, delivered_on);

-- An e-commerce poverty-alleviation workshop of an organisation.
create table workshop (
    county_code     char(6)     not null,
    id              uuid        not null,
    organisation_id uuid        not null,
    name            text        not null check (length(name) between 1 and 100),
    village_code    char(12)    not null,
    opened_by       text        not null,
    opened_at       timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, organisation_id) references organisation (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code)
);
select enable_county_isolation('workshop');

-- A payday: every unpaid wage record of the workshop up to paid_through, paid at once.
create table payday (
    county_code  char(6)     not null,
    id           uuid        not null,
    workshop_id  uuid        not null,
    paid_on      date        not null,
    paid_through date        not null,
    records      integer     not null,
    total_fen    bigint      not null,
    paid_by      text        not null,
    paid_at      timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, workshop_id) references workshop (county_code, id)
);
select enable_county_isolation('payday');

-- A registered person's work on one day: by the day or by the piece. The worker is named by a pseudonymous
-- reference (the registry's member id or the workshop's own), never a name or an ID number.
create table wage_record (
    county_code   char(6)     not null,
    id            uuid        not null,
    workshop_id   uuid        not null,
    household_id  uuid        not null,
    worker        text        not null,
    worked_on     date        not null,
    basis         text        not null check (basis in ('DAY', 'PIECE')),
    task          text        not null,
    pieces        integer     check (pieces > 0),
    amount_fen    bigint      not null check (amount_fen > 0),
    -- A day's wage below the county's minimum: kept, shown, and counted in the workshop's flags.
    below_minimum boolean     not null,
    payday_id     uuid,
    recorded_by   text        not null,
    recorded_at   timestamptz not null,
    primary key (county_code, id),
    unique (county_code, workshop_id, worker, worked_on, task),
    foreign key (county_code, workshop_id) references workshop (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id),
    foreign key (county_code, payday_id) references payday (county_code, id)
);
select enable_county_isolation('wage_record');
create index wage_record_unpaid on wage_record (county_code, workshop_id, worked_on) where payday_id is null;

-- A household's stake in an organisation: money, land or its industry-to-household fund, valued in fen.
create table shareholding (
    county_code     char(6)     not null,
    id              uuid        not null,
    organisation_id uuid        not null,
    household_id    uuid        not null,
    kind            text        not null check (kind in ('MONEY', 'LAND', 'FUND')),
    amount_fen      bigint      not null check (amount_fen > 0),
    invested_on     date        not null,
    terms           text        not null check (length(terms) <= 500),
    recorded_by     text        not null,
    recorded_at     timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, organisation_id) references organisation (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id)
);
select enable_county_isolation('shareholding');
create index shareholding_by_organisation on shareholding (county_code, organisation_id);

-- A declared dividend: a rate on each stake, or a whole amount shared pro rata (largest remainder, docs).
create table dividend (
    county_code     char(6)     not null,
    id              uuid        not null,
    organisation_id uuid        not null,
    year            integer     not null check (year between 2000 and 2100),
    rate_basis_points integer   check (rate_basis_points > 0),
    declared_fen    bigint      check (declared_fen > 0),
    total_fen       bigint      not null,
    paid_on         date        not null,
    declared_by     text        not null,
    declared_at     timestamptz not null,
    primary key (county_code, id),
    unique (county_code, organisation_id, year),
    check ((rate_basis_points is null) <> (declared_fen is null)),
    foreign key (county_code, organisation_id) references organisation (county_code, id)
);
select enable_county_isolation('dividend');

create table dividend_share (
    county_code  char(6) not null,
    dividend_id  uuid    not null,
    household_id uuid    not null,
    stake_fen    bigint  not null,
    amount_fen   bigint  not null check (amount_fen >= 0),
    primary key (county_code, dividend_id, household_id),
    foreign key (county_code, dividend_id) references dividend (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id)
);
select enable_county_isolation('dividend_share');
