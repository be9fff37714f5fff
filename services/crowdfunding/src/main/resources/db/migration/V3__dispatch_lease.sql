-- One dispatch of a project at a time. Its bookings are HTTP calls to the logistics service outside any transaction,
-- so no row lock can keep a second dispatch from booking the same rewards; a lease can, and it lapses by itself when
-- the replica holding it dies.
create table dispatch_lease (
    county_code char(6)     not null,
    project_id  uuid        not null,
    holder      uuid        not null,
    held_until  timestamptz not null,
    primary key (county_code, project_id)
);
select enable_county_isolation('dispatch_lease');
