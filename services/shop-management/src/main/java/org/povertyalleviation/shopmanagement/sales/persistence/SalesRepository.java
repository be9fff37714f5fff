package org.povertyalleviation.shopmanagement.sales.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Monthly sales reports and the income shares they produced; inside county transactions. */
@Repository
public class SalesRepository {

    public record ReportRow(UUID shopId, YearMonth month, int orders, long grossFen, long refundsFen, int revision, String reportedBy,
                            String reporter, Instant reportedAt) {
    }

    /** A household's share of a month and the rule it was computed by (the link's rule when the month was first reported). */
    public record ShareRow(UUID household, String role, String rule, Integer shareBasisPoints, Long fixedFen, long amountFen, int revision) {
    }

    private final DatabaseClient database;

    public SalesRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<ReportRow> find(String county, UUID shop, YearMonth month) {
        return database.sql("select * from sales_report where county_code = :county and shop_id = :shop and month = :month")
                .bind("county", county).bind("shop", shop).bind("month", month.atDay(1))
                .map(SalesRepository::report).one();
    }

    public Flux<ReportRow> list(String county, UUID shop, YearMonth from, YearMonth to) {
        return database.sql("""
                        select * from sales_report where county_code = :county and shop_id = :shop and month between :from and :to
                         order by month desc""")
                .bind("county", county).bind("shop", shop).bind("from", from.atDay(1)).bind("to", to.atDay(1))
                .map(SalesRepository::report).all();
    }

    /** Inserts the month's report or replaces its figures with the next revision. */
    public Mono<ReportRow> save(String county, UUID shop, YearMonth month, int orders, long grossFen, long refundsFen, int revision,
                                String reportedBy, String reporter) {
        return database.sql("""
                        insert into sales_report (county_code, shop_id, month, orders, gross_fen, refunds_fen, revision, reported_by, reporter)
                        values (:county, :shop, :month, :orders, :gross, :refunds, :revision, :reportedBy, :reporter)
                        on conflict (county_code, shop_id, month) do update
                           set orders = excluded.orders, gross_fen = excluded.gross_fen, refunds_fen = excluded.refunds_fen,
                               revision = excluded.revision, reported_by = excluded.reported_by, reporter = excluded.reporter,
                               reported_at = now()
                        returning *""")
                .bind("county", county).bind("shop", shop).bind("month", month.atDay(1)).bind("orders", orders)
                .bind("gross", grossFen).bind("refunds", refundsFen).bind("revision", revision).bind("reportedBy", reportedBy)
                .bind("reporter", reporter)
                .map(SalesRepository::report).one();
    }

    public Flux<ShareRow> shares(String county, UUID shop, YearMonth month) {
        return database.sql("""
                        select household_id, role, rule, share_bp, fixed_fen, amount_fen, revision from income_share
                         where county_code = :county and shop_id = :shop and month = :month order by household_id""")
                .bind("county", county).bind("shop", shop).bind("month", month.atDay(1))
                .map(row -> new ShareRow(row.get("household_id", UUID.class), row.get("role", String.class), row.get("rule", String.class),
                        row.get("share_bp", Integer.class), row.get("fixed_fen", Long.class), row.get("amount_fen", Long.class),
                        row.get("revision", Integer.class)))
                .all();
    }

    /** Replaces the month's shares with those just published. */
    public Mono<Void> replaceShares(String county, UUID shop, YearMonth month, List<ShareRow> shares) {
        Mono<Void> delete = database.sql("delete from income_share where county_code = :county and shop_id = :shop and month = :month")
                .bind("county", county).bind("shop", shop).bind("month", month.atDay(1)).fetch().rowsUpdated().then();
        if (shares.isEmpty()) {
            return delete;
        }
        return delete.then(database.sql("""
                        insert into income_share (county_code, shop_id, month, household_id, role, rule, share_bp, fixed_fen, amount_fen, revision)
                        select :county, :shop, :month, s.household, s.role, s.rule, s.share, s.fixed, s.amount, :revision
                          from unnest(:households::uuid[], :roles::text[], :rules::text[], :shares::integer[], :fixed::bigint[], :amounts::bigint[])
                               as s (household, role, rule, share, fixed, amount)""")
                .bind("county", county).bind("shop", shop).bind("month", month.atDay(1)).bind("revision", shares.get(0).revision())
                .bind("households", shares.stream().map(ShareRow::household).toArray(UUID[]::new))
                .bind("roles", shares.stream().map(ShareRow::role).toArray(String[]::new))
                .bind("rules", shares.stream().map(ShareRow::rule).toArray(String[]::new))
                .bind("shares", shares.stream().map(ShareRow::shareBasisPoints).toArray(Integer[]::new))
                .bind("fixed", shares.stream().map(ShareRow::fixedFen).toArray(Long[]::new))
                .bind("amounts", shares.stream().map(ShareRow::amountFen).toArray(Long[]::new))
                .fetch().rowsUpdated().then());
    }

    /** The months of the shop since {@code from} with at least one order (for the dormancy check). */
    public Flux<YearMonth> monthsWithSales(String county, UUID shop, YearMonth from) {
        return database.sql("select month from sales_report where county_code = :county and shop_id = :shop and month >= :from and orders > 0")
                .bind("county", county).bind("shop", shop).bind("from", from.atDay(1))
                .map(row -> YearMonth.from(row.get("month", LocalDate.class))).all();
    }

    private static ReportRow report(Readable row) {
        return new ReportRow(row.get("shop_id", UUID.class), YearMonth.from(row.get("month", LocalDate.class)), row.get("orders", Integer.class),
                row.get("gross_fen", Long.class), row.get("refunds_fen", Long.class), row.get("revision", Integer.class),
                row.get("reported_by", String.class), row.get("reporter", String.class),
                row.get("reported_at", OffsetDateTime.class).toInstant());
    }
}
