package org.povertyalleviation.householdregistry.income.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The income ledger; every call runs inside a county transaction (row-level security). */
@Repository
public class IncomeRepository {

    public record EntryRow(UUID id, UUID householdId, YearMonth month, String source, long amountFen, String origin, int revision,
                           String recordedBy, String note, Instant recordedAt) {
    }

    /** What recording did: a new entry, a correction (higher revision of the same origin), or nothing. */
    public enum Outcome { CREATED, CORRECTED, ALREADY_RECORDED }

    public record Recorded(EntryRow entry, Outcome outcome) {
    }

    /** A month's total per source of one household. */
    public record MonthSource(YearMonth month, String source, long amountFen) {
    }

    /** A household's yearly total in a village summary. */
    public record HouseholdYear(UUID householdId, String fileNumber, int members, long incomeFen, long ecommerceFen) {
    }

    /** A source's yearly total over a whole county. */
    public record SourceYear(String source, long amountFen) {
    }

    /**
     * The entries (alias {@code e}) a year's summary counts, by the month they are for, not when they were recorded:
     * a report for December that arrives in January is December's. A correction replaced its entry's amount in
     * place ({@link #record}), so summing the rows counts every origin once, at its latest revision. Bound by
     * {@link #ofTheYear(DatabaseClient.GenericExecuteSpec, int)}.
     */
    private static final String OF_THE_YEAR = "e.month >= :from and e.month < :to";

    private static final String COLUMNS = "id, household_id, month, source, amount_fen, origin, revision, recorded_by, note, recorded_at";

    private final DatabaseClient database;

    public IncomeRepository(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Records an entry once per origin: the same origin again changes nothing, unless it carries a higher revision
     * (a corrected report), which replaces the amount and month.
     */
    public Mono<Recorded> record(String county, UUID householdId, YearMonth month, String source, long amountFen, String origin,
                                 int revision, String recordedBy, String note) {
        return database.sql("""
                        insert into income_entry (county_code, id, household_id, month, source, amount_fen, origin, revision, recorded_by, note)
                        values (:county, :id, :household, :month, :source, :amount, :origin, :revision, :recordedBy, :note)
                        on conflict (county_code, origin) do update
                           set month = excluded.month, source = excluded.source, amount_fen = excluded.amount_fen,
                               revision = excluded.revision, recorded_by = excluded.recorded_by, note = excluded.note,
                               recorded_at = now()
                         where income_entry.revision < excluded.revision and income_entry.household_id = excluded.household_id
                        returning\s""" + COLUMNS + ", (xmax = 0) as created")
                .bind("county", county).bind("id", UUID.randomUUID()).bind("household", householdId)
                .bind("month", month.atDay(1)).bind("source", source).bind("amount", amountFen).bind("origin", origin)
                .bind("revision", revision).bind("recordedBy", recordedBy).bind("note", Parameters.in(R2dbcType.VARCHAR, note))
                .map(row -> new Recorded(entry(row), Boolean.TRUE.equals(row.get("created", Boolean.class)) ? Outcome.CREATED : Outcome.CORRECTED))
                .one()
                .switchIfEmpty(Mono.defer(() -> byOrigin(origin).map(entry -> new Recorded(entry, Outcome.ALREADY_RECORDED))));
    }

    public Mono<EntryRow> byOrigin(String origin) {
        return database.sql("select " + COLUMNS + " from income_entry where origin = :origin")
                .bind("origin", origin).map(IncomeRepository::entry).one();
    }

    /** A household's entries, newest month first, optionally of one year. */
    public Flux<EntryRow> entries(String county, UUID householdId, Integer year) {
        return database.sql("select " + COLUMNS + " from income_entry where county_code = :county and household_id = :household"
                        + " and (:year::int is null or extract(year from month) = :year) order by month desc, recorded_at desc")
                .bind("county", county).bind("household", householdId)
                .bind("year", Parameters.in(R2dbcType.INTEGER, year))
                .map(IncomeRepository::entry).all();
    }

    /** Monthly totals per source of a household from {@code from} (inclusive) to {@code to} (exclusive). */
    public Flux<MonthSource> monthly(String county, UUID householdId, YearMonth from, YearMonth to) {
        return database.sql("""
                        select month, source, sum(amount_fen) as amount from income_entry
                         where county_code = :county and household_id = :household and month >= :from and month < :to
                         group by month, source""")
                .bind("county", county).bind("household", householdId).bind("from", from.atDay(1)).bind("to", to.atDay(1))
                .map(row -> new MonthSource(YearMonth.from(row.get("month", LocalDate.class)), row.get("source", String.class),
                        row.get("amount", Number.class).longValue()))
                .all();
    }

    public Mono<Boolean> anyFor(String county, UUID householdId) {
        return database.sql("select exists (select 1 from income_entry where county_code = :county and household_id = :household) as any")
                .bind("county", county).bind("household", householdId).map(row -> row.get("any", Boolean.class)).one();
    }

    /** Each household of a village with its members and its income of the year (all sources and e-commerce). */
    public Flux<HouseholdYear> villageYear(String county, String village, int year, List<String> ecommerceSources) {
        return ofTheYear(database.sql("""
                        select h.id, h.file_number,
                               (select count(*) from member m where m.county_code = h.county_code and m.household_id = h.id) as members,
                               coalesce(sum(e.amount_fen), 0) as income,
                               coalesce(sum(e.amount_fen) filter (where e.source = any (:ecommerce)), 0) as ecommerce
                          from household h
                          left join income_entry e on e.county_code = h.county_code and e.household_id = h.id and %s
                         where h.county_code = :county and h.village_code = :village
                         group by h.county_code, h.id, h.file_number
                         order by h.file_number""".formatted(OF_THE_YEAR))
                .bind("county", county).bind("village", village)
                .bind("ecommerce", ecommerceSources.toArray(String[]::new)), year)
                .map(row -> new HouseholdYear(row.get("id", UUID.class), row.get("file_number", String.class),
                        row.get("members", Long.class).intValue(), row.get("income", Number.class).longValue(),
                        row.get("ecommerce", Number.class).longValue()))
                .all();
    }

    /**
     * The county's income of the year from each of {@code sources} that has entries, summed in the database: a
     * county's year can be hundreds of thousands of entries.
     */
    public Flux<SourceYear> countyYear(String county, int year, List<String> sources) {
        return ofTheYear(database.sql("""
                        select e.source, sum(e.amount_fen) as amount from income_entry e
                         where e.county_code = :county and e.source = any (:sources) and %s
                         group by e.source""".formatted(OF_THE_YEAR))
                .bind("county", county).bind("sources", sources.toArray(String[]::new)), year)
                .map(row -> new SourceYear(row.get("source", String.class), row.get("amount", Number.class).longValue()))
                .all();
    }

    private static DatabaseClient.GenericExecuteSpec ofTheYear(DatabaseClient.GenericExecuteSpec spec, int year) {
        return spec.bind("from", LocalDate.of(year, 1, 1)).bind("to", LocalDate.of(year + 1, 1, 1));
    }

    private static EntryRow entry(Readable row) {
        return new EntryRow(row.get("id", UUID.class), row.get("household_id", UUID.class),
                YearMonth.from(row.get("month", LocalDate.class)), row.get("source", String.class), row.get("amount_fen", Long.class),
                row.get("origin", String.class), row.get("revision", Integer.class), row.get("recorded_by", String.class),
                row.get("note", String.class), row.get("recorded_at", OffsetDateTime.class).toInstant());
    }
}
