create table sample_shipment (
    id          uuid primary key,
    county_code char(6) not null,
    product     text not null
);
select enable_county_isolation('sample_shipment');

-- Filled by the sample consumer; no isolation on purpose, so the tests can count across counties.
create table sample_tally (
    event_id    text primary key,
    county_code char(6) not null
);
