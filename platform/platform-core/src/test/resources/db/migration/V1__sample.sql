create table sample_shipment (
    id          uuid primary key,
    county_code char(6) not null,
    product     text not null
);
select enable_county_isolation('sample_shipment');

-- Filled by the sample consumer. Not a tenant table (no county_code, no isolation), so the tests can count
-- across counties. No key on event_id either: a second effect of the same event must show up as a second row,
-- not as a failed insert.
create table sample_tally (
    event_id     text    not null,
    event_county char(6) not null
);
