-- Which occurrence of a scheduled county job has run (CountyJobs): with several replicas each firing the same cron,
-- the first to take the job's advisory lock runs it and writes its occurrence here; the others find it and skip.
-- Not tenant data: one row per job and occurrence, for every county at once.
create table county_job_run (
    job         text        not null,
    occurrence  text        not null,
    replica     text        not null,
    counties    integer     not null,
    failed      integer     not null,
    started_at  timestamptz not null,
    finished_at timestamptz not null default now(),
    primary key (job, occurrence)
);
