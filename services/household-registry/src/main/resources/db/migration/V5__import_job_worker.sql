-- An import's worker says it is alive (heartbeat_at, every few seconds, from the replica running it), so that a job
-- whose replica was killed is failed within minutes, at start-up of any replica or by the watchdog, instead of
-- showing RUNNING for ever. rejections_listed: how many rejected rows are kept with their reason; rows_rejected
-- counts them all (a file of a million bad rows keeps the first ones only).
alter table import_job add column worker text;
alter table import_job add column heartbeat_at timestamptz not null default now();
alter table import_job add column rejections_listed integer not null default 0;
