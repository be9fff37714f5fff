-- The import refreshes the planner's statistics of household and member after its first batch (ImportRepository.
-- refreshStatistics): a county's first import otherwise runs its first minute on plans made for empty tables. The
-- service's role owns nothing, so it needs PostgreSQL 17's MAINTAIN privilege for that; on an older server the grant
-- is left out and the import only runs slower until autovacuum analyzes the tables.
do $$
begin
    if current_setting('server_version_num')::int >= 170000 then
        execute 'grant maintain on table household, member to ${app_role}';
    end if;
end
$$;
