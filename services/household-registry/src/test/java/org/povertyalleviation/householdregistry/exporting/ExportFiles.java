package org.povertyalleviation.householdregistry.exporting;

import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Many households for export tests, written straight into the registry's tables as copies of one registered through
 * the API (with their own ids, file numbers and resident-ID hashes): registering thousands through the API would
 * take minutes. Removed again by {@link #remove}, so that other tests' counts of the county stay theirs.
 */
final class ExportFiles {

    private ExportFiles() {
    }

    /** Copies the household {@code template} {@code count} times as {@code prefix}00001, {@code prefix}00002, …. */
    static void copies(TenantTransactions tenantTransactions, DatabaseClient database, String county, UUID template, String prefix, int count) {
        // A bulk write of up to tens of thousands of rows: above the sessions' 30 s on a busy machine, so raised for
        // this transaction only, as a bulk path does.
        tenantTransactions.inCounty(CountyCode.of(county), () -> database.sql("select set_config('statement_timeout', '5min', true)")
                .fetch().first()
                .then(database.sql("""
                        insert into household
                        select (jsonb_populate_record(null::household, to_jsonb(h)
                                || jsonb_build_object('id', gen_random_uuid(), 'file_number', :prefix || lpad(g::text, 5, '0')))).*
                          from household h, generate_series(1, :count) g
                         where h.id = :template""")
                .bind("prefix", prefix).bind("count", count).bind("template", template).fetch().rowsUpdated())
                .then(database.sql("""
                        insert into member
                        select (jsonb_populate_record(null::member, to_jsonb(m)
                                || jsonb_build_object('id', gen_random_uuid(), 'household_id', c.id,
                                                      'resident_id_hash', '\\x' || encode(sha256(convert_to(c.id::text || m.id::text, 'UTF8')), 'hex')))).*
                          from member m
                          join household c on c.county_code = m.county_code and c.file_number like :prefix || '%' and c.id <> :template
                         where m.household_id = :template""")
                        .bind("prefix", prefix).bind("template", template).fetch().rowsUpdated())
                .then()).block();
    }

    static void remove(TenantTransactions tenantTransactions, DatabaseClient database, String county, String prefix) {
        tenantTransactions.inCounty(CountyCode.of(county), () -> database.sql("select set_config('statement_timeout', '5min', true)")
                .fetch().first()
                .then(database.sql("""
                        delete from member where household_id in (select id from household where file_number like :prefix || '%')""")
                .bind("prefix", prefix).fetch().rowsUpdated())
                .then(database.sql("delete from household where file_number like :prefix || '%'").bind("prefix", prefix).fetch().rowsUpdated())
                .then()).block();
    }

    /** The file numbers of a CSV export's rows, in the order written (the first column; the header line skipped). */
    static List<String> fileNumbers(String csv) {
        return csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
    }

    /** The households in the order their rows came, one entry per run of rows of one household. */
    static List<String> households(List<String> fileNumbers) {
        List<String> households = new java.util.ArrayList<>();
        for (String number : fileNumbers) {
            if (households.isEmpty() || !households.get(households.size() - 1).equals(number)) {
                households.add(number);
            }
        }
        return households;
    }

    /** Households of the village now. */
    static long inVillage(TenantTransactions tenantTransactions, DatabaseClient database, String county, String village) {
        return tenantTransactions.inCounty(CountyCode.of(county), () -> database.sql("select count(*) from household where village_code = :village")
                .bind("village", village).map(row -> row.get(0, Long.class)).one()).block();
    }
}
