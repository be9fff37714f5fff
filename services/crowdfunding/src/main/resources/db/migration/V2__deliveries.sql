-- A paid pledge's reward on its way: the logistics service's booking and where the shipment is, as its events say.
-- One row per pledge; a booking that ended without delivery (CANCELLED, RETURNED) is replaced by the next dispatch's.
create table reward_delivery (
    county_code char(6)     not null,
    pledge_id   uuid        not null,
    booking_id  uuid        not null,
    lot_code    text,
    state       text        not null check (state in ('BOOKED', 'PICKED_UP', 'AT_TOWNSHIP', 'AT_COUNTY_PARK', 'HANDED_TO_CARRIER',
                                                      'AT_VILLAGE_POST', 'DELIVERED', 'FAILED', 'RETURNED', 'CANCELLED')),
    updated_at  timestamptz not null,
    primary key (county_code, pledge_id),
    unique (county_code, booking_id),
    foreign key (county_code, pledge_id) references pledge (county_code, id)
);
select enable_county_isolation('reward_delivery');
