-- Supply bases, certifications and quality inspections, and whether a product is listed for sale: a product that
-- requires a certification is listed only while a valid one covers the day, and a failed inspection suspends it until
-- a passing one. certified and inspection_failed are kept by ProductListings (on each change and the daily sweep);
-- listed is their conjunction, and each change of it is published (product.listing-changed.v1).

create table supply_base (
    county_code     char(6)     not null,
    id              uuid        not null,
    organisation_id uuid        not null,
    village_code    char(12)    not null,
    -- Area in hundredths of a mu (亩), exact: 12.5 mu is 1250.
    area_centimu    bigint      not null check (area_centimu > 0),
    crop            text        not null check (length(crop) between 1 and 50),
    registered_at   timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, organisation_id) references organisation (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code)
);
select enable_county_isolation('supply_base');

alter table product add column required_certification text
    check (required_certification in ('POLLUTION_FREE', 'GREEN_FOOD', 'ORGANIC', 'GEOGRAPHICAL_INDICATION', 'SC_LICENCE'));
alter table product add column certified boolean not null default true;
alter table product add column inspection_failed boolean not null default false;
alter table product add column listed boolean not null default true;
alter table product add column listing_changed_on date;

create table product_base (
    county_code char(6) not null,
    product_id  uuid    not null,
    base_id     uuid    not null,
    primary key (county_code, product_id, base_id),
    foreign key (county_code, product_id) references product (county_code, id),
    foreign key (county_code, base_id) references supply_base (county_code, id)
);
select enable_county_isolation('product_base');

create table certification (
    county_code char(6)     not null,
    id          uuid        not null,
    product_id  uuid        not null,
    kind        text        not null check (kind in ('POLLUTION_FREE', 'GREEN_FOOD', 'ORGANIC', 'GEOGRAPHICAL_INDICATION', 'SC_LICENCE')),
    issuer      text        not null check (length(issuer) between 1 and 100),
    number      text        not null check (length(number) between 1 and 50),
    -- Where the certificate's scan is kept (a document store's reference), not the file itself.
    document    text        not null check (length(document) between 1 and 200),
    valid_from  date        not null,
    valid_to    date        not null,
    recorded_by text        not null,
    recorded_at timestamptz not null,
    primary key (county_code, id),
    unique (county_code, kind, number),
    check (valid_to >= valid_from),
    foreign key (county_code, product_id) references product (county_code, id)
);
select enable_county_isolation('certification');
create index certification_by_product on certification (county_code, product_id, kind, valid_to);

-- A reminder sent once per certification and lead time (30 and 7 days before it expires).
create table certification_reminder (
    county_code      char(6) not null,
    certification_id uuid    not null,
    days_ahead       integer not null,
    sent_on          date    not null,
    primary key (county_code, certification_id, days_ahead),
    foreign key (county_code, certification_id) references certification (county_code, id)
);
select enable_county_isolation('certification_reminder');

create table inspection (
    county_code char(6)     not null,
    id          uuid        not null,
    product_id  uuid        not null,
    base_id     uuid,
    sample      text        not null check (length(sample) between 1 and 100),
    sampled_on  date        not null,
    result      text        not null check (result in ('PASS', 'FAIL')),
    lab         text        not null check (length(lab) between 1 and 100),
    report      text        not null check (length(report) between 1 and 50),
    recorded_by text        not null,
    recorded_at timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, product_id) references product (county_code, id),
    foreign key (county_code, base_id) references supply_base (county_code, id)
);
select enable_county_isolation('inspection');
create index inspection_by_product on inspection (county_code, product_id, sampled_on desc, recorded_at desc);
