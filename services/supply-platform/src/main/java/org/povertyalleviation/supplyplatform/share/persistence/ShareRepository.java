package org.povertyalleviation.supplyplatform.share.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.share.domain.Dividend;
import org.povertyalleviation.supplyplatform.share.domain.DividendSplit;
import org.povertyalleviation.supplyplatform.share.domain.Shareholding;
import org.povertyalleviation.supplyplatform.share.domain.StakeKind;
import org.povertyalleviation.supplyplatform.share.domain.DividendSummary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shareholdings, dividends and their parts. */
@Repository
public class ShareRepository {

    private final DatabaseClient database;

    public ShareRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Shareholding holding) {
        return database.sql("""
                        insert into shareholding (county_code, id, organisation_id, household_id, kind, amount_fen, invested_on, terms, recorded_by, recorded_at)
                        values (:county, :id, :organisation, :household, :kind, :amount, :investedOn, :terms, :by, :at)""")
                .bind("county", holding.county().value()).bind("id", holding.id()).bind("organisation", holding.organisation())
                .bind("household", holding.household()).bind("kind", holding.kind().name()).bind("amount", holding.amountFen())
                .bind("investedOn", holding.investedOn()).bind("terms", holding.terms()).bind("by", holding.recordedBy())
                .bind("at", holding.recordedAt()).fetch().rowsUpdated().then();
    }

    public Flux<Shareholding> shareholdings(CountyCode county, UUID organisation, int limit) {
        return database.sql("select * from shareholding where county_code = :county and organisation_id = :organisation order by invested_on, id limit :limit")
                .bind("county", county.value()).bind("organisation", organisation).bind("limit", limit).map(ShareRepository::shareholding).all();
    }

    /** Each household's stakes held on the day (invested on or before it), added up. */
    public Flux<Map.Entry<UUID, Long>> stakesOn(CountyCode county, UUID organisation, LocalDate on) {
        return database.sql("""
                        select household_id, sum(amount_fen) as stake from shareholding
                         where county_code = :county and organisation_id = :organisation and invested_on <= :on
                         group by household_id order by household_id""")
                .bind("county", county.value()).bind("organisation", organisation).bind("on", on)
                .map(row -> Map.entry(row.get("household_id", UUID.class), row.get("stake", Number.class).longValue())).all();
    }

    public Mono<Boolean> dividendDeclared(CountyCode county, UUID organisation, int year) {
        return database.sql("select exists (select 1 from dividend where county_code = :county and organisation_id = :organisation and year = :year) as declared")
                .bind("county", county.value()).bind("organisation", organisation).bind("year", year)
                .map(row -> row.get("declared", Boolean.class)).one();
    }

    public Mono<Void> insert(Dividend dividend) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        insert into dividend (county_code, id, organisation_id, year, rate_basis_points, declared_fen, total_fen, paid_on, declared_by, declared_at)
                        values (:county, :id, :organisation, :year, :rate, :declared, :total, :paidOn, :by, :at)""")
                .bind("county", dividend.county().value()).bind("id", dividend.id()).bind("organisation", dividend.organisation())
                .bind("year", dividend.year()).bind("total", dividend.totalFen()).bind("paidOn", dividend.paidOn())
                .bind("by", dividend.declaredBy()).bind("at", dividend.declaredAt());
        insert = dividend.rateBasisPoints() == null ? insert.bindNull("rate", Integer.class) : insert.bind("rate", dividend.rateBasisPoints());
        insert = dividend.declaredFen() == null ? insert.bindNull("declared", Long.class) : insert.bind("declared", dividend.declaredFen());
        return insert.fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(dividend.parts()).buffer(500).concatMap(parts -> insertParts(dividend, parts)))
                .then();
    }

    /** Up to 500 parts in one statement: a dividend of 10,000 shareholders is 20 statements, not 10,000. */
    private Mono<Long> insertParts(Dividend dividend, List<DividendSplit.Part> parts) {
        StringBuilder sql = new StringBuilder("insert into dividend_share (county_code, dividend_id, household_id, stake_fen, amount_fen) values ");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:county, :dividend, :h").append(i).append(", :s").append(i).append(", :a").append(i).append(")");
        }
        DatabaseClient.GenericExecuteSpec insert = database.sql(sql.toString()).bind("county", dividend.county().value()).bind("dividend", dividend.id());
        for (int i = 0; i < parts.size(); i++) {
            insert = insert.bind("h" + i, parts.get(i).household()).bind("s" + i, parts.get(i).stakeFen()).bind("a" + i, parts.get(i).amountFen());
        }
        return insert.fetch().rowsUpdated();
    }


    public Mono<DividendSummary> findDividend(CountyCode county, UUID organisation, UUID id) {
        return database.sql(DIVIDENDS + " where d.county_code = :county and d.organisation_id = :organisation and d.id = :id")
                .bind("county", county.value()).bind("organisation", organisation).bind("id", id)
                .map(ShareRepository::summary).one();
    }

    public Flux<DividendSummary> dividends(CountyCode county, UUID organisation) {
        return database.sql(DIVIDENDS + " where d.county_code = :county and d.organisation_id = :organisation order by d.year desc")
                .bind("county", county.value()).bind("organisation", organisation)
                .map(ShareRepository::summary).all();
    }

    private static final String DIVIDENDS = """
            select d.*, (select count(*) from dividend_share p where p.county_code = d.county_code and p.dividend_id = d.id) as households
              from dividend d""";

    private static DividendSummary summary(Readable row) {
        return new DividendSummary(row.get("id", UUID.class), row.get("organisation_id", UUID.class), row.get("year", Integer.class),
                row.get("rate_basis_points", Integer.class), row.get("declared_fen", Long.class), row.get("total_fen", Long.class),
                row.get("paid_on", LocalDate.class), row.get("households", Long.class), row.get("declared_by", String.class),
                row.get("declared_at", Instant.class));
    }

    public Flux<DividendSplit.Part> parts(CountyCode county, UUID dividend, int limit) {
        return database.sql("select * from dividend_share where county_code = :county and dividend_id = :dividend order by household_id limit :limit")
                .bind("county", county.value()).bind("dividend", dividend).bind("limit", limit)
                .map(row -> new DividendSplit.Part(row.get("household_id", UUID.class), row.get("stake_fen", Long.class), row.get("amount_fen", Long.class)))
                .all();
    }

    private static Shareholding shareholding(Readable row) {
        return new Shareholding(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("organisation_id", UUID.class),
                row.get("household_id", UUID.class), StakeKind.valueOf(row.get("kind", String.class)), row.get("amount_fen", Long.class),
                row.get("invested_on", LocalDate.class), row.get("terms", String.class), row.get("recorded_by", String.class),
                row.get("recorded_at", Instant.class));
    }
}
