-- How many rows a read of personal data showed (a page of a list, a whole export); null for a single record or a
-- change. Auditors see who read what, and how much of it.
alter table audit_entry add column row_count integer check (row_count >= 0);
