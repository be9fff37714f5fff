-- The year each exit from poverty was verified for (HouseholdRegister.lift). The household's status and its
-- reason move on when it is monitored or returns to poverty, but it still left poverty in that year: the county
-- statistics count it there. One row per household and year; lifted again for the same year is the same exit.
create table household_exit (
    county_code  char(6)     not null,
    household_id uuid        not null,
    year         smallint    not null check (year between 1990 and 2100),
    verified_at  timestamptz not null default now(),
    primary key (county_code, household_id, year),
    foreign key (county_code, household_id) references household (county_code, id)
);
select enable_county_isolation('household_exit');

-- The county statistics sum a year of one county's entries per source: from this index alone and already in source
-- order, instead of reading every county's entries (income_entry_by_household leads with the household).
create index income_entry_by_source on income_entry (county_code, source, month) include (amount_fen);

-- Exits verified before this migration: each one's household.lifted.v1 event is still in the outbox (appended in
-- the exit's transaction), and a household still LIFTED names its year in its status reason
-- ("Exit verified for 2024: …"). Row-level security binds this owner too, so county by county, as the service works.
do $$
declare
    joined record;
begin
    for joined in select code from joined_county loop
        perform set_config('app.county', joined.code, true);
        insert into household_exit (county_code, household_id, year, verified_at)
        select h.county_code, h.id, (o.envelope::jsonb -> 'data' ->> 'year')::smallint, o.created_at
          from outbox_event o
          join household h on h.county_code = o.county_code and h.id::text = o.aggregate_id
         where o.county_code = joined.code and o.event_type = 'household.lifted.v1'
        union all
        select h.county_code, h.id, substring(h.status_reason from '^Exit verified for (\d{4}):')::smallint, h.status_changed_at
          from household h
         where h.county_code = joined.code and h.status = 'LIFTED' and h.status_reason ~ '^Exit verified for \d{4}:'
        on conflict do nothing;
    end loop;
    perform set_config('app.county', '', true);
end
$$;
