-- The county registry applies a status change to its own copy at once and then reads the same event back from
-- Kafka; a suspension read back after the county was already reinstated must not suspend it again. So the copy
-- keeps the time of the last change for reinstated counties too, and an older event never overwrites a newer one.
alter table suspended_county rename to county_suspension;
alter table county_suspension rename column suspended_at to changed_at;
alter table county_suspension add column suspended boolean not null default true;
