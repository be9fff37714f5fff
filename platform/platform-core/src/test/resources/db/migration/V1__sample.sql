create table sample_shipment (
    id          uuid primary key,
    county_code char(6) not null,
    product     text not null
);

create table sample_tally (
    event_id    text primary key,
    county_code char(6) not null
);
