-- Counties suspended by the platform operators, as told by county.suspended.v1 / county.reinstated.v1 from the
-- county registry. Every service keeps this copy so that it refuses a suspended county's users on its own,
-- without asking the registry on each request. Platform data, not tenant data: no row-level security.
create table suspended_county (
    county_code  char(6)     primary key,
    suspended_at timestamptz not null
);
