-- A member's birth date in clear, next to the masked resident ID number (its region, characters 1-6, and its last
-- four, 15-18), was the whole number: characters 7-14 are the birth date. A database reader or a backup rebuilt every
-- ID that the encrypted column protects. Only the birth year stays readable (ordering, the age reached this year);
-- the month and day are in the encrypted number alone. The masked number and the year leave 366 dates, of which
-- the check character admits about 33: no number is rebuilt (HouseholdIT proves it on the stored rows).
alter table member add column birth_year smallint;
-- Row-level security is forced even for the owner: lift it for this one update, which touches every county.
alter table member no force row level security;
update member set birth_year = extract(year from birth_date);
alter table member force row level security;
alter table member alter column birth_year set not null;
alter table member add constraint member_birth_year check (birth_year between 1900 and 2100);
alter table member drop column birth_date;
