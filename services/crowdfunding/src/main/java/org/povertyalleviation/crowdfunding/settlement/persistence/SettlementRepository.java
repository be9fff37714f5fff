package org.povertyalleviation.crowdfunding.settlement.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.crowdfunding.settlement.domain.MoneyLedger;
import org.povertyalleviation.crowdfunding.settlement.domain.Payout;
import org.povertyalleviation.crowdfunding.settlement.domain.Refund;
import org.povertyalleviation.crowdfunding.settlement.domain.RefundReason;
import org.povertyalleviation.crowdfunding.settlement.domain.Settlement;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Settlements, refunds, payouts and the projects' money ledgers. */
@Repository
public class SettlementRepository {

    private final DatabaseClient database;

    public SettlementRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Writes the settlement; false when the project was settled already (the row is the second guard of "exactly once"). */
    public Mono<Boolean> insert(CountyCode county, Settlement settlement) {
        return database.sql("""
                        insert into settlement (county_code, project_id, outcome, raised_fen, goal_fen, paid_pledges, dropped_pledges, refunds, settled_at, settled_by)
                        values (:county, :project, :outcome, :raised, :goal, :paid, :dropped, :refunds, :at, :by)
                        on conflict (county_code, project_id) do nothing""")
                .bind("county", county.value()).bind("project", settlement.project()).bind("outcome", settlement.outcome().name())
                .bind("raised", settlement.raisedFen()).bind("goal", settlement.goalFen()).bind("paid", settlement.paidPledges())
                .bind("dropped", settlement.droppedPledges()).bind("refunds", settlement.refunds()).bind("at", settlement.settledAt())
                .bind("by", settlement.settledBy())
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Mono<Settlement> settlement(CountyCode county, UUID project) {
        return database.sql("select * from settlement where county_code = :county and project_id = :project")
                .bind("county", county.value()).bind("project", project)
                .map(row -> new Settlement(row.get("project_id", UUID.class), Settlement.Outcome.valueOf(row.get("outcome", String.class)),
                        row.get("raised_fen", Long.class), row.get("goal_fen", Long.class), row.get("paid_pledges", Integer.class),
                        row.get("dropped_pledges", Integer.class), row.get("refunds", Integer.class), row.get("settled_at", Instant.class),
                        row.get("settled_by", String.class)))
                .one();
    }

    /**
     * Requests a refund of every paid pledge of the project and marks them REFUNDING, in two set-based statements (a
     * failed project may have ten thousand). Answers how many refunds were requested.
     */
    public Mono<Integer> refundAllPaid(CountyCode county, UUID project, RefundReason reason, String note, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        with refunding as (
                            update pledge set status = 'REFUNDING', closed_at = :at
                            where county_code = :county and project_id = :project and status = 'PAID'
                            returning id, amount_fen),
                        requested as (
                            insert into refund (county_code, id, pledge_id, project_id, amount_fen, reason, note, status, next_attempt_at, requested_at)
                            select :county, gen_random_uuid(), id, :project, amount_fen, :reason, :note, 'REQUESTED', :at, :at from refunding
                            returning 1)
                        select count(*) as requested from requested""")
                .bind("at", at).bind("county", county.value()).bind("project", project).bind("reason", reason.name());
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        return spec.map(row -> ((Number) row.get("requested")).intValue()).one();
    }

    public Mono<Void> insertRefund(CountyCode county, UUID id, UUID pledge, UUID project, long amountFen, RefundReason reason, String note, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into refund (county_code, id, pledge_id, project_id, amount_fen, reason, note, status, next_attempt_at, requested_at)
                        values (:county, :id, :pledge, :project, :amount, :reason, :note, 'REQUESTED', :at, :at)""")
                .bind("county", county.value()).bind("id", id).bind("pledge", pledge).bind("project", project).bind("amount", amountFen)
                .bind("reason", reason.name()).bind("at", at);
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        return spec.fetch().rowsUpdated().then();
    }

    /**
     * Claims refunds due for an attempt, skipping those another replica holds, and moves their next attempt on by the
     * backoff, so that a send that dies with its replica is retried later rather than lost or sent twice at once.
     */
    public Flux<Refund> claimDue(CountyCode county, Instant now, int limit) {
        return database.sql("""
                        with due as (
                            select county_code, id from refund
                            where county_code = :county and status <> 'CONFIRMED' and next_attempt_at <= :now
                            order by next_attempt_at limit :limit for update skip locked),
                        claimed as (
                            update refund set attempts = refund.attempts + 1,
                                   next_attempt_at = :now + make_interval(secs => least(600, 5 * power(2, least(refund.attempts, 7))))
                            from due where refund.county_code = due.county_code and refund.id = due.id
                            returning refund.*)
                        select claimed.*, pledge.payment_partner, pledge.payment_ref from claimed
                        join pledge on pledge.county_code = claimed.county_code and pledge.id = claimed.pledge_id""")
                .bind("county", county.value()).bind("now", now).bind("limit", limit)
                .map(SettlementRepository::refund).all();
    }

    public Mono<Refund> refundForUpdate(CountyCode county, UUID id) {
        return database.sql("""
                        select refund.*, pledge.payment_partner, pledge.payment_ref from refund
                        join pledge on pledge.county_code = refund.county_code and pledge.id = refund.pledge_id
                        where refund.county_code = :county and refund.id = :id for update of refund""")
                .bind("county", county.value()).bind("id", id).map(SettlementRepository::refund).one();
    }

    public Mono<Void> refundSent(CountyCode county, UUID id) {
        return database.sql("update refund set status = 'SENT', last_error = null where county_code = :county and id = :id and status = 'REQUESTED'")
                .bind("county", county.value()).bind("id", id).fetch().rowsUpdated().then();
    }

    public Mono<Void> refundFailed(CountyCode county, UUID id, String error) {
        return database.sql("update refund set last_error = :error where county_code = :county and id = :id and status <> 'CONFIRMED'")
                .bind("error", error.length() > 500 ? error.substring(0, 500) : error).bind("county", county.value()).bind("id", id)
                .fetch().rowsUpdated().then();
    }

    /** The partner said the refund failed: try again soon. */
    public Mono<Void> refundRetrySoon(CountyCode county, UUID id, String error, Instant at) {
        return database.sql("update refund set status = 'REQUESTED', last_error = :error, next_attempt_at = :at where county_code = :county and id = :id and status <> 'CONFIRMED'")
                .bind("error", error).bind("at", at).bind("county", county.value()).bind("id", id).fetch().rowsUpdated().then();
    }

    /** Confirms the refund; false when it was confirmed already. */
    public Mono<Boolean> refundConfirmed(CountyCode county, UUID id, Instant at) {
        return database.sql("update refund set status = 'CONFIRMED', confirmed_at = :at, last_error = null where county_code = :county and id = :id and status <> 'CONFIRMED'")
                .bind("at", at).bind("county", county.value()).bind("id", id).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Flux<Refund> refunds(CountyCode county, UUID project, Refund.Status status, int limit, int offset) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        select refund.*, pledge.payment_partner, pledge.payment_ref from refund
                        join pledge on pledge.county_code = refund.county_code and pledge.id = refund.pledge_id
                        where refund.county_code = :county and refund.project_id = :project and (cast(:status as text) is null or refund.status = :status)
                        order by refund.requested_at, refund.id limit :limit offset :offset""")
                .bind("county", county.value()).bind("project", project).bind("limit", limit).bind("offset", offset);
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status.name());
        return spec.map(SettlementRepository::refund).all();
    }

    public Mono<Refund> refundOfPledge(CountyCode county, UUID pledge) {
        return database.sql("""
                        select refund.*, pledge.payment_partner, pledge.payment_ref from refund
                        join pledge on pledge.county_code = refund.county_code and pledge.id = refund.pledge_id
                        where refund.county_code = :county and refund.pledge_id = :pledge""")
                .bind("county", county.value()).bind("pledge", pledge).map(SettlementRepository::refund).one();
    }

    /** Books a movement of the project's money; a movement booked already (the same pledge, refund or payout) is not booked twice. */
    public Mono<Boolean> book(CountyCode county, UUID project, MoneyLedger.Kind kind, long amountFen, UUID pledge, UUID refund, UUID household, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into money_entry (county_code, id, project_id, kind, amount_fen, pledge_id, refund_id, household_id, booked_at)
                        values (:county, gen_random_uuid(), :project, :kind, :amount, :pledge, :refund, :household, :at)
                        on conflict do nothing""")
                .bind("county", county.value()).bind("project", project).bind("kind", kind.name()).bind("amount", amountFen).bind("at", at);
        spec = pledge == null ? spec.bindNull("pledge", UUID.class) : spec.bind("pledge", pledge);
        spec = refund == null ? spec.bindNull("refund", UUID.class) : spec.bind("refund", refund);
        spec = household == null ? spec.bindNull("household", UUID.class) : spec.bind("household", household);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** The ledger's totals, the refunds not yet confirmed, and its latest entries. */
    public Mono<MoneyLedger> ledger(CountyCode county, UUID project, int limit) {
        Mono<long[]> totals = database.sql("""
                        select coalesce(sum(amount_fen) filter (where kind = 'PLEDGE_PAID'), 0) as in_fen,
                               coalesce(-sum(amount_fen) filter (where kind = 'REFUND_CONFIRMED'), 0) as refunded_fen,
                               coalesce(-sum(amount_fen) filter (where kind = 'PAYOUT'), 0) as paid_out_fen,
                               (select coalesce(sum(amount_fen), 0) from refund where county_code = :county and project_id = :project and status <> 'CONFIRMED') as pending_fen,
                               (select count(*) from refund where county_code = :county and project_id = :project and status <> 'CONFIRMED') as pending
                        from money_entry where county_code = :county and project_id = :project""")
                .bind("county", county.value()).bind("project", project)
                .map(row -> new long[] {((Number) row.get("in_fen")).longValue(), ((Number) row.get("refunded_fen")).longValue(),
                        ((Number) row.get("paid_out_fen")).longValue(), ((Number) row.get("pending_fen")).longValue(), ((Number) row.get("pending")).longValue()})
                .one();
        return totals.flatMap(t -> database.sql("select * from money_entry where county_code = :county and project_id = :project order by booked_at desc, id limit :limit")
                .bind("county", county.value()).bind("project", project).bind("limit", limit)
                .map(row -> new MoneyLedger.Entry(row.get("id", UUID.class), MoneyLedger.Kind.valueOf(row.get("kind", String.class)),
                        row.get("amount_fen", Long.class), row.get("pledge_id", UUID.class), row.get("refund_id", UUID.class),
                        row.get("household_id", UUID.class), row.get("booked_at", Instant.class)))
                .all().collectList()
                .map(entries -> new MoneyLedger(project, t[0], t[1], t[2], t[3], (int) t[4], entries)));
    }

    public Mono<Void> insertPayout(CountyCode county, UUID project, Payout payout) {
        return database.sql("""
                        insert into payout (county_code, project_id, household_id, basis_points, amount_fen, paid_on)
                        values (:county, :project, :household, :bp, :amount, :paidOn)""")
                .bind("county", county.value()).bind("project", project).bind("household", payout.household()).bind("bp", payout.basisPoints())
                .bind("amount", payout.amountFen()).bind("paidOn", payout.paidOn()).fetch().rowsUpdated().then();
    }

    public Flux<Payout> payouts(CountyCode county, UUID project) {
        return database.sql("select * from payout where county_code = :county and project_id = :project order by household_id")
                .bind("county", county.value()).bind("project", project)
                .map(row -> new Payout(row.get("household_id", UUID.class), row.get("basis_points", Integer.class), row.get("amount_fen", Long.class),
                        row.get("paid_on", LocalDate.class))).all();
    }


    private static Refund refund(Readable row) {
        return new Refund(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("pledge_id", UUID.class),
                row.get("project_id", UUID.class), row.get("amount_fen", Long.class), RefundReason.valueOf(row.get("reason", String.class)),
                row.get("note", String.class), Refund.Status.valueOf(row.get("status", String.class)), row.get("attempts", Integer.class),
                row.get("next_attempt_at", Instant.class), row.get("last_error", String.class), row.get("requested_at", Instant.class),
                row.get("confirmed_at", Instant.class), row.get("payment_partner", String.class), row.get("payment_ref", String.class));
    }
}
