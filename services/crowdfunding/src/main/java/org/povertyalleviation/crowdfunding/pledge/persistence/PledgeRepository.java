package org.povertyalleviation.crowdfunding.pledge.persistence;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.crowdfunding.pledge.domain.PaymentCallback;
import org.povertyalleviation.crowdfunding.pledge.domain.Pledge;
import org.povertyalleviation.crowdfunding.pledge.domain.PledgeStatus;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pledges and the payment partners' callbacks. */
@Repository
public class PledgeRepository {

    /** A callback as kept, with what it did. */
    public record KeptCallback(PaymentCallback callback, UUID pledge, PaymentCallback.Outcome outcome, Instant receivedAt) {
    }

    private final DatabaseClient database;

    public PledgeRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Inserts the pledge; false when its key or payment reference was taken meanwhile (a concurrent post of the same). */
    public Mono<Boolean> insert(Pledge pledge) {
        return database.sql("""
                        insert into pledge (county_code, id, project_id, tier_id, client, pledge_key, backer_ref, quantity, amount_fen, payment_partner,
                                            payment_ref, status, created_at)
                        values (:county, :id, :project, :tier, :client, :key, :backer, :quantity, :amount, :paymentPartner, :paymentRef, :status, :createdAt)
                        on conflict do nothing""")
                .bind("county", pledge.county().value()).bind("id", pledge.id()).bind("project", pledge.project()).bind("tier", pledge.tier())
                .bind("client", pledge.client()).bind("key", pledge.pledgeKey()).bind("backer", pledge.backerRef()).bind("quantity", pledge.quantity())
                .bind("amount", pledge.amountFen()).bind("paymentPartner", pledge.paymentPartner()).bind("paymentRef", pledge.paymentRef())
                .bind("status", pledge.status().name()).bind("createdAt", pledge.createdAt())
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Mono<Pledge> byKey(CountyCode county, String client, String key) {
        return database.sql("select * from pledge where county_code = :county and client = :client and pledge_key = :key")
                .bind("county", county.value()).bind("client", client).bind("key", key).map(PledgeRepository::pledge).one();
    }

    public Mono<Pledge> byPaymentRef(CountyCode county, String paymentPartner, String paymentRef) {
        return database.sql("select * from pledge where county_code = :county and payment_partner = :partner and payment_ref = :ref")
                .bind("county", county.value()).bind("partner", paymentPartner).bind("ref", paymentRef).map(PledgeRepository::pledge).one();
    }

    public Mono<Pledge> find(CountyCode county, UUID id) {
        return database.sql("select * from pledge where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(PledgeRepository::pledge).one();
    }

    public Mono<Pledge> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from pledge where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(PledgeRepository::pledge).one();
    }

    /** A project's pledges, newest first; a partner's only its own (client), a payment partner's only those it takes. */
    public Flux<Pledge> ofProject(CountyCode county, UUID project, String client, PledgeStatus status, int limit, int offset) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        select * from pledge where county_code = :county and project_id = :project
                          and (cast(:client as text) is null or client = :client or payment_partner = :client)
                          and (cast(:status as text) is null or status = :status)
                        order by created_at desc, id limit :limit offset :offset""")
                .bind("county", county.value()).bind("project", project).bind("limit", limit).bind("offset", offset);
        spec = client == null ? spec.bindNull("client", String.class) : spec.bind("client", client);
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status.name());
        return spec.map(PledgeRepository::pledge).all();
    }

    public Mono<Long> countOfProject(CountyCode county, UUID project, PledgeStatus status) {
        return database.sql("select count(*) as pledges from pledge where county_code = :county and project_id = :project and status = :status")
                .bind("county", county.value()).bind("project", project).bind("status", status.name())
                .map(row -> row.get("pledges", Long.class)).one();
    }

    public Mono<Void> status(Pledge pledge) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("update pledge set status = :status, paid_at = :paidAt, closed_at = :closedAt where county_code = :county and id = :id")
                .bind("status", pledge.status().name()).bind("county", pledge.county().value()).bind("id", pledge.id());
        spec = pledge.paidAt() == null ? spec.bindNull("paidAt", Instant.class) : spec.bind("paidAt", pledge.paidAt());
        spec = pledge.closedAt() == null ? spec.bindNull("closedAt", Instant.class) : spec.bind("closedAt", pledge.closedAt());
        return spec.fetch().rowsUpdated().then();
    }

    /**
     * Drops the project's pledges still waiting for their payment and gives their rewards back to the tiers, in set-based
     * statements (a settlement may find thousands). Answers how many were dropped.
     */
    public Mono<Integer> dropPending(CountyCode county, UUID project, Instant at) {
        return database.sql("""
                        with dropped as (
                            update pledge set status = 'DROPPED', closed_at = :at
                            where county_code = :county and project_id = :project and status = 'PENDING'
                            returning tier_id, quantity),
                        per_tier as (select tier_id, sum(quantity) as quantity, count(*) as pledges from dropped group by tier_id),
                        released as (
                            update tier set taken = taken - per_tier.quantity from per_tier
                            where tier.county_code = :county and tier.id = per_tier.tier_id returning per_tier.pledges)
                        select coalesce(sum(pledges), 0) as dropped from released""")
                .bind("at", at).bind("county", county.value()).bind("project", project)
                .map(row -> ((Number) row.get("dropped")).intValue()).one();
    }

    /** Keeps a callback; false when its id was kept already (the caller compares the content). */
    public Mono<Boolean> keep(CountyCode county, PaymentCallback callback, UUID pledge, PaymentCallback.Outcome outcome, Instant receivedAt) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into payment_callback (county_code, payment_partner, callback_id, kind, payment_ref, refund_id, status, amount_fen,
                                                      occurred_at, received_at, pledge_id, outcome)
                        values (:county, :partner, :id, :kind, :ref, :refund, :status, :amount, :occurredAt, :receivedAt, :pledge, :outcome)
                        on conflict (county_code, payment_partner, callback_id) do nothing""")
                .bind("county", county.value()).bind("partner", callback.paymentPartner()).bind("id", callback.callbackId())
                .bind("kind", callback.kind().name()).bind("status", callback.status()).bind("amount", callback.amountFen())
                .bind("occurredAt", callback.occurredAt()).bind("receivedAt", receivedAt).bind("outcome", outcome.name());
        spec = callback.paymentRef() == null ? spec.bindNull("ref", String.class) : spec.bind("ref", callback.paymentRef());
        spec = callback.refund() == null ? spec.bindNull("refund", UUID.class) : spec.bind("refund", callback.refund());
        spec = pledge == null ? spec.bindNull("pledge", UUID.class) : spec.bind("pledge", pledge);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Mono<KeptCallback> callback(CountyCode county, String paymentPartner, String callbackId) {
        return database.sql("select * from payment_callback where county_code = :county and payment_partner = :partner and callback_id = :id")
                .bind("county", county.value()).bind("partner", paymentPartner).bind("id", callbackId).map(PledgeRepository::kept).one();
    }

    /** Callbacks that came before their pledge, in the order things happened. */
    public Flux<KeptCallback> unmatched(CountyCode county, String paymentPartner, String paymentRef) {
        return database.sql("""
                        select * from payment_callback where county_code = :county and payment_partner = :partner and payment_ref = :ref
                          and pledge_id is null order by occurred_at, received_at""")
                .bind("county", county.value()).bind("partner", paymentPartner).bind("ref", paymentRef).map(PledgeRepository::kept).all();
    }

    public Mono<Void> matched(CountyCode county, String paymentPartner, String callbackId, UUID pledge, PaymentCallback.Outcome outcome) {
        return database.sql("update payment_callback set pledge_id = :pledge, outcome = :outcome where county_code = :county and payment_partner = :partner and callback_id = :id")
                .bind("pledge", pledge).bind("outcome", outcome.name()).bind("county", county.value()).bind("partner", paymentPartner)
                .bind("id", callbackId).fetch().rowsUpdated().then();
    }

    /** A pledge's callbacks, for its timeline. */
    public Flux<KeptCallback> callbacksOf(CountyCode county, UUID pledge) {
        return database.sql("select * from payment_callback where county_code = :county and pledge_id = :pledge order by occurred_at, received_at")
                .bind("county", county.value()).bind("pledge", pledge).map(PledgeRepository::kept).all();
    }

    private static KeptCallback kept(Readable row) {
        return new KeptCallback(new PaymentCallback(row.get("payment_partner", String.class), row.get("callback_id", String.class),
                PaymentCallback.Kind.valueOf(row.get("kind", String.class)), row.get("payment_ref", String.class), row.get("refund_id", UUID.class),
                row.get("status", String.class), row.get("amount_fen", Long.class), row.get("occurred_at", Instant.class)),
                row.get("pledge_id", UUID.class), PaymentCallback.Outcome.valueOf(row.get("outcome", String.class)), row.get("received_at", Instant.class));
    }

    static Pledge pledge(Readable row) {
        return new Pledge(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("project_id", UUID.class),
                row.get("tier_id", UUID.class), row.get("client", String.class), row.get("pledge_key", String.class), row.get("backer_ref", String.class),
                row.get("quantity", Integer.class), row.get("amount_fen", Long.class), row.get("payment_partner", String.class),
                row.get("payment_ref", String.class), PledgeStatus.valueOf(row.get("status", String.class)), row.get("created_at", Instant.class),
                row.get("paid_at", Instant.class), row.get("closed_at", Instant.class));
    }
}
