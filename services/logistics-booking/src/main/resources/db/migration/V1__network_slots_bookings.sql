-- Only this service's tables: joined_county and village (the county copy) are the platform's (db/county-copy).
-- Every tenant table carries county_code, leads its primary key with it (Citus-ready) and gets row-level security.

-- The three-level network: the county's logistics park, township express stations, village post stations. A township
-- station hangs under a park, a village post under a station (parent_id); a village post stands in a village.
create table node (
    county_code    char(6)       not null,
    id             uuid          not null,
    level          text          not null check (level in ('COUNTY_PARK', 'TOWNSHIP_STATION', 'VILLAGE_POST')),
    name           text          not null,
    parent_id      uuid,
    township_code  char(9),
    village_code   char(12),
    address        text          not null,
    latitude       numeric(9, 6) not null,
    longitude      numeric(9, 6) not null,
    opening_hours  text          not null,
    operator_kind  text          not null check (operator_kind in ('CARRIER', 'VILLAGE_AGENT', 'COUNTY')),
    operator_name  text          not null,
    cold_storage   boolean       not null,
    created_at     timestamptz   not null,
    primary key (county_code, id),
    foreign key (county_code, parent_id) references node (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code),
    check ((level = 'COUNTY_PARK') = (parent_id is null)),
    check ((level = 'VILLAGE_POST') = (village_code is not null)),
    check ((level = 'COUNTY_PARK') = (township_code is null))
);
select enable_county_isolation('node');
create index node_by_level on node (county_code, level, township_code);
-- One village post per village: the post is where the village's parcels go.
create unique index node_one_post_per_village on node (county_code, village_code) where village_code is not null;

-- A road between two nodes, either way; mountain roads make the drive time the figure that counts.
create table leg (
    county_code   char(6) not null,
    id            uuid    not null,
    from_node     uuid    not null,
    to_node       uuid    not null,
    distance_m    integer not null check (distance_m > 0),
    drive_minutes integer not null check (drive_minutes > 0),
    primary key (county_code, id),
    foreign key (county_code, from_node) references node (county_code, id),
    foreign key (county_code, to_node) references node (county_code, id),
    check (from_node <> to_node)
);
select enable_county_isolation('leg');
create unique index leg_once on leg (county_code, least(from_node, to_node), greatest(from_node, to_node));

-- Where the county registry placed a village (village.registered.v1's coordinates), for the coverage of villages
-- without a post of their own.
create table village_place (
    county_code  char(6)       not null,
    village_code char(12)      not null,
    latitude     numeric(9, 6) not null,
    longitude    numeric(9, 6) not null,
    -- No reference to village: this copy and the platform's are fed by separate consumers, in either order.
    primary key (county_code, village_code)
);
select enable_county_isolation('village_place');


-- A logistics company the county works with; it calls through the gateway as a partner client (client_id).
create table carrier (
    county_code char(6)     not null,
    id          uuid        not null,
    name        text        not null,
    client_id   text,
    created_at  timestamptz not null,
    primary key (county_code, id)
);
select enable_county_isolation('carrier');
create unique index carrier_by_client on carrier (county_code, client_id) where client_id is not null;

create table vehicle (
    county_code      char(6)  not null,
    id               uuid     not null,
    carrier_id       uuid     not null,
    plate            text     not null,
    capacity_kg      integer  not null check (capacity_kg > 0),
    capacity_parcels integer  not null check (capacity_parcels > 0),
    cold             boolean  not null,
    -- ISO days of the week it works, 1 = Monday.
    working_days     smallint[] not null,
    base_node        uuid     not null,
    primary key (county_code, id),
    foreign key (county_code, carrier_id) references carrier (county_code, id),
    foreign key (county_code, base_node) references node (county_code, id)
);
select enable_county_isolation('vehicle');
create unique index vehicle_plate on vehicle (county_code, plate);

-- A pickup or delivery window at a node on a day. booked_* never exceed capacity_* (the check is the last guard; the
-- booking's conditional update is the first).
create table slot (
    county_code      char(6)     not null,
    id               uuid        not null,
    node_id          uuid        not null,
    day              date        not null,
    kind             text        not null check (kind in ('PICKUP', 'DELIVERY')),
    window_start     time        not null,
    window_end       time        not null,
    capacity_grams   bigint      not null check (capacity_grams > 0),
    capacity_parcels integer     not null check (capacity_parcels > 0),
    booked_grams     bigint      not null default 0,
    booked_parcels   integer     not null default 0,
    cold             boolean     not null,
    carrier_id       uuid,
    primary key (county_code, id),
    foreign key (county_code, node_id) references node (county_code, id),
    foreign key (county_code, carrier_id) references carrier (county_code, id),
    check (window_start < window_end),
    check (booked_grams between 0 and capacity_grams),
    check (booked_parcels between 0 and capacity_parcels)
);
select enable_county_isolation('slot');
create unique index slot_once on slot (county_code, node_id, day, kind, window_start);
create index slot_by_day on slot (county_code, day, node_id);

-- Tariff per kg and leg level; the county's subsidy for registered poor households' shipments.
create table tariff (
    county_code          char(6) not null,
    leg_level            text    not null check (leg_level in ('VILLAGE_TOWNSHIP', 'TOWNSHIP_COUNTY')),
    fen_per_kg           bigint  not null check (fen_per_kg >= 0),
    minimum_fen          bigint  not null check (minimum_fen >= 0),
    primary key (county_code, leg_level)
);
select enable_county_isolation('tariff');

create table shipping_subsidy (
    county_code      char(6) not null,
    percent          integer not null check (percent between 0 and 100),
    cap_fen          bigint  not null check (cap_fen >= 0),
    primary key (county_code)
);
select enable_county_isolation('shipping_subsidy');

create table booking (
    county_code        char(6)     not null,
    id                 uuid        not null,
    slot_id            uuid        not null,
    direction          text        not null check (direction in ('UPLINK', 'DOWNLINK')),
    node_id            uuid        not null,
    village_code       char(12),
    sender_kind        text        not null check (sender_kind in ('HOUSEHOLD', 'SHOP', 'COOPERATIVE', 'WORKSHOP', 'MERCHANT')),
    sender_ref         text        not null,
    household_id       uuid,
    poor_household     boolean     not null,
    -- Who receives it (a name, personal data): partners and cadres see it masked.
    recipient          text        not null,
    weight_grams       bigint      not null check (weight_grams > 0),
    parcels            integer     not null check (parcels > 0),
    cold               boolean     not null,
    declared_value_fen bigint      not null check (declared_value_fen >= 0),
    carries_kind       text        not null check (carries_kind in ('ORDER_DELIVERY', 'CROWDFUNDING_REWARD', 'TRACE_LOT', 'GOODS')),
    carries_ref        text,
    price_fen          bigint      not null check (price_fen >= 0),
    subsidy_fen        bigint      not null check (subsidy_fen between 0 and price_fen),
    carrier_id         uuid,
    state              text        not null check (state in ('BOOKED', 'PICKED_UP', 'AT_TOWNSHIP', 'AT_COUNTY_PARK', 'HANDED_TO_CARRIER',
                                                             'AT_VILLAGE_POST', 'DELIVERED', 'FAILED', 'RETURNED', 'CANCELLED')),
    -- How far along its direction's steps it has come (0 = booked); a failure keeps it, a late report never lowers it.
    progress           smallint    not null default 0,
    booked_by          text        not null,
    booked_by_partner  text,
    booked_at          timestamptz not null,
    updated_at         timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, slot_id) references slot (county_code, id),
    foreign key (county_code, node_id) references node (county_code, id),
    foreign key (county_code, carrier_id) references carrier (county_code, id)
);
select enable_county_isolation('booking');
create index booking_by_slot on booking (county_code, slot_id);
create index booking_by_carries on booking (county_code, carries_kind, carries_ref);

-- What carriers and station agents reported about a booking. update_id is the poster's own id for the report: a
-- repeated report is recognised, not applied twice.
create table tracking_update (
    county_code  char(6)     not null,
    booking_id   uuid        not null,
    update_id    text        not null,
    state        text        not null,
    occurred_at  timestamptz not null,
    node_id      uuid,
    reason       text,
    recipient    text,
    photo_ref    text,
    reported_by  text        not null,
    received_at  timestamptz not null,
    -- Whether it moved the booking on (a late report of an earlier step fills the timeline only).
    advanced     boolean     not null,
    primary key (county_code, booking_id, update_id),
    foreign key (county_code, booking_id) references booking (county_code, id),
    foreign key (county_code, node_id) references node (county_code, id)
);
select enable_county_isolation('tracking_update');
