package org.povertyalleviation.supplyplatform.workshop.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.supplyplatform.workshop.domain.Payday;
import org.povertyalleviation.supplyplatform.workshop.domain.Wage;
import org.povertyalleviation.supplyplatform.workshop.domain.WageBasis;
import org.povertyalleviation.supplyplatform.workshop.domain.WageRecord;
import org.povertyalleviation.supplyplatform.workshop.domain.Workshop;
import org.povertyalleviation.supplyplatform.workshop.domain.WageSheet;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Workshops, their wage sheets and paydays. */
@Repository
public class WorkshopRepository {


    /** One household's wages on a payday. */
    public record HouseholdPay(UUID household, long amountFen) {
    }

    private final DatabaseClient database;

    public WorkshopRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Workshop workshop) {
        return database.sql("""
                        insert into workshop (county_code, id, organisation_id, name, village_code, opened_by, opened_at)
                        values (:county, :id, :organisation, :name, :village, :by, :at)""")
                .bind("county", workshop.county().value()).bind("id", workshop.id()).bind("organisation", workshop.organisation())
                .bind("name", workshop.name()).bind("village", workshop.village()).bind("by", workshop.openedBy()).bind("at", workshop.openedAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Workshop> find(CountyCode county, UUID id) {
        return database.sql("select * from workshop where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(WorkshopRepository::workshop).one();
    }

    /** The workshop, locked: two paydays of one workshop run one after the other, never both over the same wages. */
    public Mono<Workshop> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from workshop where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(WorkshopRepository::workshop).one();
    }

    public Flux<Workshop> list(CountyCode county, int limit) {
        return database.sql("select * from workshop where county_code = :county order by name, id limit :limit")
                .bind("county", county.value()).bind("limit", limit).map(WorkshopRepository::workshop).all();
    }

    public Mono<WageSheet> sheet(CountyCode county, UUID workshop) {
        return database.sql("""
                        select count(*) filter (where payday_id is null) as unpaid, coalesce(sum(amount_fen) filter (where payday_id is null), 0) as owed,
                               count(*) filter (where below_minimum) as flagged
                          from wage_record where county_code = :county and workshop_id = :workshop""")
                .bind("county", county.value()).bind("workshop", workshop)
                .map(row -> new WageSheet(row.get("unpaid", Long.class), row.get("owed", Number.class).longValue(), row.get("flagged", Long.class)))
                .one();
    }

    /** Inserts the record; false when the worker already has this task on this day (a resend, or a mistake to correct). */
    public Mono<Boolean> insertWage(WageRecord record) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        insert into wage_record (county_code, id, workshop_id, household_id, worker, worked_on, basis, task, pieces, amount_fen,
                                                 below_minimum, recorded_by, recorded_at)
                        values (:county, :id, :workshop, :household, :worker, :workedOn, :basis, :task, :pieces, :amount, :below, :by, :at)
                        on conflict (county_code, workshop_id, worker, worked_on, task) do nothing""")
                .bind("county", record.county().value()).bind("id", record.id()).bind("workshop", record.workshop())
                .bind("household", record.household()).bind("worker", record.worker()).bind("workedOn", record.workedOn())
                .bind("basis", record.wage().basis().name()).bind("task", record.task()).bind("amount", record.wage().amountFen())
                .bind("below", record.wage().belowMinimum()).bind("by", record.recordedBy()).bind("at", record.recordedAt());
        insert = record.wage().pieces() == null ? insert.bindNull("pieces", Integer.class) : insert.bind("pieces", record.wage().pieces());
        return insert.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Flux<WageRecord> wages(CountyCode county, UUID workshop, LocalDate from, LocalDate to, int limit) {
        return database.sql("""
                        select * from wage_record where county_code = :county and workshop_id = :workshop and worked_on between :from and :to
                         order by worked_on, worker, task limit :limit""")
                .bind("county", county.value()).bind("workshop", workshop).bind("from", from).bind("to", to).bind("limit", limit)
                .map(WorkshopRepository::wage).all();
    }

    public Mono<Void> insertPayday(Payday payday) {
        return database.sql("""
                        insert into payday (county_code, id, workshop_id, paid_on, paid_through, records, total_fen, paid_by, paid_at)
                        values (:county, :id, :workshop, :paidOn, :through, 0, 0, :by, :at)""")
                .bind("county", payday.county().value()).bind("id", payday.id()).bind("workshop", payday.workshop())
                .bind("paidOn", payday.paidOn()).bind("through", payday.paidThrough()).bind("by", payday.paidBy()).bind("at", payday.paidAt())
                .fetch().rowsUpdated().then();
    }

    /**
     * Marks every unpaid wage up to the payday's last day as paid by it, in one statement, and returns what each
     * household earned; the payday's counts are set from the same rows.
     */
    public Flux<HouseholdPay> payUnpaid(CountyCode county, UUID workshop, UUID payday, LocalDate through) {
        return database.sql("""
                        with paid as (
                            update wage_record set payday_id = :payday
                             where county_code = :county and workshop_id = :workshop and payday_id is null and worked_on <= :through
                            returning household_id, amount_fen),
                        counted as (
                            update payday set records = (select count(*) from paid), total_fen = (select coalesce(sum(amount_fen), 0) from paid)
                             where county_code = :county and id = :payday)
                        select household_id, sum(amount_fen) as amount from paid group by household_id order by household_id""")
                .bind("county", county.value()).bind("workshop", workshop).bind("payday", payday).bind("through", through)
                .map(row -> new HouseholdPay(row.get("household_id", UUID.class), row.get("amount", Number.class).longValue()))
                .all();
    }

    public Mono<Payday> findPayday(CountyCode county, UUID id) {
        return database.sql("select * from payday where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(WorkshopRepository::payday).one();
    }

    public Flux<Payday> paydays(CountyCode county, UUID workshop, int limit) {
        return database.sql("select * from payday where county_code = :county and workshop_id = :workshop order by paid_on desc, paid_at desc limit :limit")
                .bind("county", county.value()).bind("workshop", workshop).bind("limit", limit).map(WorkshopRepository::payday).all();
    }

    private static Workshop workshop(Readable row) {
        return new Workshop(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("organisation_id", UUID.class),
                row.get("name", String.class), row.get("village_code", String.class), row.get("opened_by", String.class),
                row.get("opened_at", Instant.class));
    }

    private static WageRecord wage(Readable row) {
        Wage wage = new Wage(WageBasis.valueOf(row.get("basis", String.class)), row.get("pieces", Integer.class), row.get("amount_fen", Long.class),
                Boolean.TRUE.equals(row.get("below_minimum", Boolean.class)));
        return new WageRecord(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("workshop_id", UUID.class),
                row.get("household_id", UUID.class), row.get("worker", String.class), row.get("worked_on", LocalDate.class),
                row.get("task", String.class), wage, row.get("payday_id", UUID.class), row.get("recorded_by", String.class),
                row.get("recorded_at", Instant.class));
    }

    private static Payday payday(Readable row) {
        return new Payday(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("workshop_id", UUID.class),
                row.get("paid_on", LocalDate.class), row.get("paid_through", LocalDate.class), row.get("records", Integer.class),
                row.get("total_fen", Long.class), row.get("paid_by", String.class), row.get("paid_at", Instant.class));
    }
}
