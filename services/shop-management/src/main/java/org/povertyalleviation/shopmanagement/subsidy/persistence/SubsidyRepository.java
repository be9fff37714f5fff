package org.povertyalleviation.shopmanagement.subsidy.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.persistence.OptionalFilters;
import org.povertyalleviation.shopmanagement.subsidy.domain.SubsidyStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Subsidy applications and the counties' yearly budgets; inside county transactions. */
@Repository
public class SubsidyRepository {

    public record SubsidyRow(String countyCode, UUID id, UUID household, UUID shop, long amountFen, SubsidyStatus status,
                             String submittedBy, Instant submittedAt, String decidedBy, Instant decidedAt, Integer budgetYear,
                             String rejectionReason, LocalDate paidOn, String paymentReference, String recordedPaidBy) {
    }

    public record BudgetRow(int year, long budgetFen, long committedFen, Instant updatedAt) {
    }

    private final DatabaseClient database;

    public SubsidyRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<SubsidyRow> insert(String county, UUID id, UUID household, UUID shop, long amountFen, String submittedBy) {
        return database.sql("""
                        insert into subsidy (county_code, id, household_id, shop_id, amount_fen, status, submitted_by)
                        values (:county, :id, :household, :shop, :amount, 'SUBMITTED', :by) returning *""")
                .bind("county", county).bind("id", id).bind("household", household).bind("shop", shop).bind("amount", amountFen)
                .bind("by", submittedBy).map(SubsidyRepository::subsidy).one();
    }

    /** The household's subsidy that counts (any but a rejected one), if there is one. */
    public Mono<SubsidyRow> activeFor(String county, UUID household) {
        return database.sql("select * from subsidy where county_code = :county and household_id = :household and status <> 'REJECTED'")
                .bind("county", county).bind("household", household).map(SubsidyRepository::subsidy).one();
    }

    public Mono<SubsidyRow> find(String county, UUID id) {
        return database.sql("select * from subsidy where county_code = :county and id = :id")
                .bind("county", county).bind("id", id).map(SubsidyRepository::subsidy).one();
    }

    public Mono<SubsidyRow> findForUpdate(String county, UUID id) {
        return database.sql("select * from subsidy where county_code = :county and id = :id for update")
                .bind("county", county).bind("id", id).map(SubsidyRepository::subsidy).one();
    }

    /** Oldest first (the approval queue); {@code after} is the last id of the previous page. */
    public Flux<SubsidyRow> list(String county, SubsidyStatus status, UUID household, UUID after, int limit) {
        OptionalFilters filters = new OptionalFilters()
                .and("status = :status", "status", status)
                .and("household_id = :household", "household", household)
                .and("(submitted_at, id) > (select submitted_at, id from subsidy where county_code = :county and id = :after)", "after", after);
        return filters.bindTo(database.sql("select * from subsidy where county_code = :county" + filters.sql()
                        + " order by submitted_at, id limit :limit")
                        .bind("county", county).bind("limit", limit))
                .map(SubsidyRepository::subsidy).all();
    }

    /** The number of applications in each status the county's applications have (a status none has is left out). */
    public Mono<Map<SubsidyStatus, Long>> countByStatus(String county) {
        return database.sql("select status, count(*) as subsidies from subsidy where county_code = :county group by status")
                .bind("county", county)
                .map(row -> Map.entry(SubsidyStatus.valueOf(row.get("status", String.class)), row.get("subsidies", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Mono<SubsidyRow> decide(String county, UUID id, SubsidyStatus decision, String decidedBy, Integer budgetYear, String reason) {
        return database.sql("""
                        update subsidy set status = :decision, decided_by = :by, decided_at = now(), budget_year = :year,
                               rejection_reason = :reason
                         where county_code = :county and id = :id and status = 'SUBMITTED' returning *""")
                .bind("county", county).bind("id", id).bind("decision", decision.name()).bind("by", decidedBy)
                .bind("year", Parameters.in(R2dbcType.SMALLINT, budgetYear == null ? null : budgetYear.shortValue()))
                .bind("reason", Parameters.in(R2dbcType.VARCHAR, reason))
                .map(SubsidyRepository::subsidy).one();
    }

    public Mono<SubsidyRow> paid(String county, UUID id, LocalDate paidOn, String reference, String recordedBy) {
        return database.sql("""
                        update subsidy set status = 'PAID', paid_on = :paidOn, payment_reference = :reference, recorded_paid_by = :by
                         where county_code = :county and id = :id and status = 'APPROVED' returning *""")
                .bind("county", county).bind("id", id).bind("paidOn", paidOn)
                .bind("reference", Parameters.in(R2dbcType.VARCHAR, reference)).bind("by", recordedBy)
                .map(SubsidyRepository::subsidy).one();
    }

    /**
     * Commits the amount against the year's budget in one guarded update: concurrent approvals queue on the budget
     * row, and each re-reads the committed sum after the one before, so the budget is never exceeded.
     *
     * @return the budget after the commitment, or empty when it would be exceeded (or there is none)
     */
    public Mono<BudgetRow> commit(String county, int year, long amountFen) {
        return database.sql("""
                        update subsidy_budget set committed_fen = committed_fen + :amount, updated_at = now()
                         where county_code = :county and year = :year and committed_fen + :amount <= budget_fen
                        returning year, budget_fen, committed_fen, updated_at""")
                .bind("county", county).bind("year", (short) year).bind("amount", amountFen)
                .map(SubsidyRepository::budget).one();
    }

    public Mono<BudgetRow> budget(String county, int year) {
        return database.sql("select year, budget_fen, committed_fen, updated_at from subsidy_budget where county_code = :county and year = :year")
                .bind("county", county).bind("year", (short) year).map(SubsidyRepository::budget).one();
    }

    public Mono<BudgetRow> budgetForUpdate(String county, int year) {
        return database.sql("select year, budget_fen, committed_fen, updated_at from subsidy_budget where county_code = :county and year = :year for update")
                .bind("county", county).bind("year", (short) year).map(SubsidyRepository::budget).one();
    }

    public Mono<BudgetRow> setBudget(String county, int year, long budgetFen) {
        return database.sql("""
                        insert into subsidy_budget (county_code, year, budget_fen) values (:county, :year, :budget)
                        on conflict (county_code, year) do update set budget_fen = excluded.budget_fen, updated_at = now()
                        returning year, budget_fen, committed_fen, updated_at""")
                .bind("county", county).bind("year", (short) year).bind("budget", budgetFen).map(SubsidyRepository::budget).one();
    }

    private static SubsidyRow subsidy(Readable row) {
        Short year = row.get("budget_year", Short.class);
        return new SubsidyRow(row.get("county_code", String.class), row.get("id", UUID.class), row.get("household_id", UUID.class),
                row.get("shop_id", UUID.class), row.get("amount_fen", Long.class), SubsidyStatus.valueOf(row.get("status", String.class)),
                row.get("submitted_by", String.class), instant(row, "submitted_at"), row.get("decided_by", String.class),
                instant(row, "decided_at"), year == null ? null : year.intValue(), row.get("rejection_reason", String.class),
                row.get("paid_on", LocalDate.class), row.get("payment_reference", String.class), row.get("recorded_paid_by", String.class));
    }

    private static BudgetRow budget(Readable row) {
        return new BudgetRow(row.get("year", Short.class), row.get("budget_fen", Long.class), row.get("committed_fen", Long.class),
                instant(row, "updated_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
