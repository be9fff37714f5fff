-- Traceability: lots of a product, their trace events (after GS1 EPCIS 2.0: what, when, where, why), the codes printed
-- on packs and what their scans show. Quantities are in thousandths of the product's unit, as in deliveries.

-- A product's GTIN, when it has one: its codes then use GS1 Digital Link's /01/{gtin}/10/{lot}/21/{serial}.
alter table product add column gtin char(14) check (gtin ~ '^[0-9]{14}$');

-- Every printed code, lot or pack, in one place across counties: a phone's scan names a code, not a county, and
-- the code must lead to its county before the county's rows can be read. It holds no tenant data beyond that link
-- (no row-level security, like joined_county); the codes are random, so one code says nothing about another.
create table trace_code (
    code        text    not null primary key check (code ~ '^[0-9A-Z]{10,16}$'),
    county_code char(6) not null,
    lot_id      uuid    not null,
    -- A pack's serial under the lot (true) or the lot's own code.
    serial      boolean not null
);
comment on table trace_code is 'across counties: a scanned code leads to its county before row-level security can apply; it holds only the link';

create table lot (
    county_code     char(6)     not null,
    id              uuid        not null,
    product_id      uuid        not null,
    organisation_id uuid        not null,
    -- Null for a lot merged from lots of several bases.
    base_id         uuid,
    code            text        not null unique references trace_code (code),
    -- The organisation's own batch number, as it writes it on its books.
    lot_number      text        not null check (length(lot_number) between 1 and 40),
    quantity_milli  bigint      not null check (quantity_milli > 0),
    harvest_date    date        not null,
    grade           text        not null check (length(grade) between 1 and 20),
    -- The business steps the lot shows on its public page; none until the county chooses.
    public_steps    text[]      not null default '{}',
    -- Only a published lot has a public page; an unpublished one answers as an unknown code does.
    published       boolean     not null default false,
    created_by      text        not null,
    created_at      timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, product_id) references product (county_code, id),
    foreign key (county_code, organisation_id) references organisation (county_code, id),
    foreign key (county_code, base_id) references supply_base (county_code, id)
);
select enable_county_isolation('lot');
create index lot_by_product on lot (county_code, product_id, harvest_date desc);

-- The registered households that supplied the lot; the public page names each only by its ordinal (脱贫户 1, 2, …).
create table lot_household (
    county_code  char(6) not null,
    lot_id       uuid    not null,
    household_id uuid    not null,
    ordinal      int     not null check (ordinal > 0),
    primary key (county_code, lot_id, household_id),
    unique (county_code, lot_id, ordinal),
    foreign key (county_code, lot_id) references lot (county_code, id),
    foreign key (county_code, household_id) references household (county_code, id)
);
select enable_county_isolation('lot_household');

-- What a lot was made of when lots are split or merged: a split's children each take part of one parent, a merge
-- takes parts of several. What the children of a parent take together never exceeds the parent (Lots checks it
-- under the parent's row lock).
create table lot_parent (
    county_code    char(6) not null,
    child_id       uuid    not null,
    parent_id      uuid    not null,
    quantity_milli bigint  not null check (quantity_milli > 0),
    primary key (county_code, child_id, parent_id),
    foreign key (county_code, child_id) references lot (county_code, id),
    foreign key (county_code, parent_id) references lot (county_code, id),
    check (child_id <> parent_id)
);
select enable_county_isolation('lot_parent');
create index lot_parent_by_parent on lot_parent (county_code, parent_id);

create table trace_event (
    county_code     char(6)     not null,
    id              uuid        not null,
    lot_id          uuid        not null,
    -- The recorder's own id of the event (EPCIS eventID): a resend with the same id records nothing new.
    event_id        text        not null check (length(event_id) between 1 and 100),
    business_step   text        not null check (business_step in ('HARVESTING', 'INSPECTING', 'PROCESSING', 'PACKING', 'SHIPPING', 'RECEIVING')),
    event_time      timestamptz not null,
    -- Where it happened, in words, and where on the map (microdegrees, WGS 84) when known.
    read_point      text        not null check (length(read_point) between 1 and 100),
    latitude_micro  int check (latitude_micro between -90000000 and 90000000),
    longitude_micro int check (longitude_micro between -180000000 and 180000000),
    quantity_milli  bigint check (quantity_milli > 0),
    note            text check (length(note) <= 200),
    recorded_by     text        not null,
    recorded_at     timestamptz not null,
    primary key (county_code, id),
    unique (county_code, event_id),
    check ((latitude_micro is null) = (longitude_micro is null)),
    foreign key (county_code, lot_id) references lot (county_code, id)
);
select enable_county_isolation('trace_event');
create index trace_event_by_lot on trace_event (county_code, lot_id, event_time);

-- A print run of pack labels: each label a serial of its own under the lot ("one product, one code").
create table print_run (
    county_code char(6)     not null,
    id          uuid        not null,
    lot_id      uuid        not null,
    labels      int         not null check (labels between 1 and 5000),
    created_by  text        not null,
    created_at  timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, lot_id) references lot (county_code, id)
);
select enable_county_isolation('print_run');

create table pack (
    county_code      char(6)     not null,
    serial           text        not null references trace_code (code),
    lot_id           uuid        not null,
    print_run_id     uuid        not null,
    -- Its label's place in the print run, from 1.
    position         int         not null check (position > 0),
    scans            int         not null default 0,
    first_scanned_at timestamptz,
    primary key (county_code, serial),
    unique (county_code, print_run_id, position),
    foreign key (county_code, lot_id) references lot (county_code, id),
    foreign key (county_code, print_run_id) references print_run (county_code, id)
);
select enable_county_isolation('pack');

-- Where a pack was scanned from: the caller's network (an IPv4 /16 or IPv6 /32, the nearest we get to a city
-- without a location database), never the address itself.
create table pack_scan_place (
    county_code char(6)     not null,
    serial      text        not null,
    place       text        not null,
    scans       int         not null,
    first_at    timestamptz not null,
    primary key (county_code, serial, place),
    foreign key (county_code, serial) references pack (county_code, serial)
);
select enable_county_isolation('pack_scan_place');

-- A serial scanned from too many places or too often: a possible copy of the label, for the county to look into.
create table copy_suspicion (
    county_code char(6)     not null,
    serial      text        not null,
    lot_id      uuid        not null,
    reason      text        not null check (reason in ('MANY_PLACES', 'MANY_SCANS')),
    scans       int         not null,
    places      int         not null,
    raised_at   timestamptz not null,
    primary key (county_code, serial, reason),
    foreign key (county_code, serial) references pack (county_code, serial),
    foreign key (county_code, lot_id) references lot (county_code, id)
);
select enable_county_isolation('copy_suspicion');
create index copy_suspicion_by_time on copy_suspicion (county_code, raised_at desc);
