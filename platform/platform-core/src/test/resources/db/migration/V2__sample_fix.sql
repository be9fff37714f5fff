-- Events of the sample's tally that fail until they are listed here (a bug fixed): the replay of dead letters.
create table sample_fix (
    event_id text primary key
);
