-- Milk runs (docs/services/logistics-booking-milk-runs.md): a township's pickup routes for a day, as the solver planned
-- them. A plan is written once; a dispatcher's locks are the only later change, and a replan writes a new plan
-- (replan_of) and marks the old one SUPERSEDED.
create table milk_run_plan (
    county_code            char(6)     not null,
    id                     uuid        not null,
    township_code          char(9)     not null,
    day                    date        not null,
    status                 text        not null check (status in ('PLANNED', 'SUPERSEDED')),
    -- The township station the routes start from and return to, and when the vehicles may leave it.
    depot_node             uuid        not null,
    day_start              time        not null,
    total_drive_minutes    integer     not null check (total_drive_minutes >= 0),
    -- The nearest-neighbour routes of the same pickups: their drive minutes and the pickups they left out.
    baseline_drive_minutes integer     not null check (baseline_drive_minutes >= 0),
    baseline_unassigned    integer     not null check (baseline_unassigned >= 0),
    -- The solver's score: hard (rules broken, only where a lock forces it), medium (pickups left out), soft (drive minutes).
    hard_score             integer     not null check (hard_score <= 0),
    medium_score           integer     not null check (medium_score <= 0),
    soft_score             integer     not null check (soft_score <= 0),
    budget_seconds         integer     not null check (budget_seconds between 1 and 60),
    planned_at             timestamptz not null,
    planned_by             text        not null,
    replan_of              uuid,
    primary key (county_code, id),
    foreign key (county_code, depot_node) references node (county_code, id),
    foreign key (county_code, replan_of) references milk_run_plan (county_code, id),
    check (township_code like county_code || '%')
);
select enable_county_isolation('milk_run_plan');
create index milk_run_plan_latest on milk_run_plan (county_code, township_code, day, planned_at desc);
-- A plan is replanned once: the replan supersedes it.
create unique index milk_run_plan_replanned_once on milk_run_plan (county_code, replan_of) where replan_of is not null;

-- A vehicle's route in a plan (every vehicle on duty has one, an idle one without stops).
create table milk_run_route (
    county_code   char(6) not null,
    plan_id       uuid    not null,
    vehicle_id    uuid    not null,
    leaving       time    not null,
    back          time    not null,
    drive_minutes integer not null check (drive_minutes >= 0),
    route_minutes integer not null check (route_minutes >= 0),
    load_grams    bigint  not null check (load_grams >= 0),
    load_parcels  integer not null check (load_parcels >= 0),
    primary key (county_code, plan_id, vehicle_id),
    foreign key (county_code, plan_id) references milk_run_plan (county_code, id),
    foreign key (county_code, vehicle_id) references vehicle (county_code, id)
);
select enable_county_isolation('milk_run_route');

-- Every pickup of the plan: on a route (vehicle, position, arrival) or left out (the reason). The window and the load
-- are as they were when it was planned.
create table milk_run_stop (
    county_code        char(6) not null,
    plan_id            uuid    not null,
    booking_id         uuid    not null,
    vehicle_id         uuid,
    position           integer check (position >= 0),
    arrival            time,
    window_start       time    not null,
    window_end         time    not null,
    weight_grams       bigint  not null check (weight_grams > 0),
    parcels            integer not null check (parcels > 0),
    cold               boolean not null,
    -- A dispatcher's lock: the next replan keeps the pickup on this vehicle.
    locked             boolean not null,
    locked_vehicle_id  uuid,
    unassigned_reason  text check (unassigned_reason in ('COLD', 'CAPACITY', 'WINDOW', 'WORKING_DAY', 'NOT_PLACED')),
    unassigned_message text,
    primary key (county_code, plan_id, booking_id),
    foreign key (county_code, plan_id) references milk_run_plan (county_code, id),
    foreign key (county_code, plan_id, vehicle_id) references milk_run_route (county_code, plan_id, vehicle_id),
    foreign key (county_code, booking_id) references booking (county_code, id),
    foreign key (county_code, vehicle_id) references vehicle (county_code, id),
    foreign key (county_code, locked_vehicle_id) references vehicle (county_code, id),
    check ((vehicle_id is null) = (position is null) and (vehicle_id is null) = (arrival is null)),
    check ((vehicle_id is null) = (unassigned_reason is not null) and (unassigned_reason is null) = (unassigned_message is null)),
    check (locked = (locked_vehicle_id is not null))
);
select enable_county_isolation('milk_run_stop');
create unique index milk_run_stop_position on milk_run_stop (county_code, plan_id, vehicle_id, position) where vehicle_id is not null;

-- The hard rules a plan breaks (a dispatcher's lock can force it): which, how often, the penalty.
create table milk_run_broken_rule (
    county_code  char(6) not null,
    plan_id      uuid    not null,
    rule         text    not null,
    matches      integer not null check (matches > 0),
    hard_penalty integer not null check (hard_penalty > 0),
    primary key (county_code, plan_id, rule),
    foreign key (county_code, plan_id) references milk_run_plan (county_code, id)
);
select enable_county_isolation('milk_run_broken_rule');
