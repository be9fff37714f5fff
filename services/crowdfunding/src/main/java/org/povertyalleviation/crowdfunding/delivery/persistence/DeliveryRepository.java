package org.povertyalleviation.crowdfunding.delivery.persistence;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.crowdfunding.delivery.domain.RewardDelivery;
import org.povertyalleviation.crowdfunding.delivery.domain.RewardShipment;
import org.povertyalleviation.crowdfunding.delivery.domain.ShipmentState;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rewards' bookings and their shipments' states (reward_delivery), beside the paid pledges they ship. */
@Repository
public class DeliveryRepository {

    /** Ended bookings (the reward is no longer on its way): a new booking replaces them. */
    private static final String ENDED = "('CANCELLED', 'RETURNED')";

    private final DatabaseClient database;

    public DeliveryRepository(DatabaseClient database) {
        this.database = database;
    }

    /** The project's paid pledges whose reward has no booking that still carries it, oldest first. */
    public Flux<UUID> undispatched(CountyCode county, UUID project) {
        return database.sql("""
                        select p.id from pledge p
                        left join reward_delivery d on d.county_code = p.county_code and d.pledge_id = p.id
                        where p.county_code = :county and p.project_id = :project and p.status = 'PAID'
                          and (d.pledge_id is null or d.state in %s)
                        order by p.paid_at, p.id""".formatted(ENDED))
                .bind("county", county.value()).bind("project", project).map(row -> row.get("id", UUID.class)).all();
    }

    public Mono<Long> countUndispatched(CountyCode county, UUID project) {
        return database.sql("""
                        select count(*) as undispatched from pledge p
                        left join reward_delivery d on d.county_code = p.county_code and d.pledge_id = p.id
                        where p.county_code = :county and p.project_id = :project and p.status = 'PAID'
                          and (d.pledge_id is null or d.state in %s)""".formatted(ENDED))
                .bind("county", county.value()).bind("project", project).map(row -> row.get("undispatched", Long.class)).one();
    }

    /** The ids of the project's tiers that have paid pledges but no lot yet, in their order. */
    public Flux<UUID> paidTiersWithoutLot(CountyCode county, UUID project) {
        return database.sql("""
                        select distinct t.id, t.position from tier t join pledge p on p.county_code = t.county_code and p.tier_id = t.id
                        where t.county_code = :county and t.project_id = :project and p.status = 'PAID' and t.lot_code is null
                        order by t.position""")
                .bind("county", county.value()).bind("project", project).map(row -> row.get("id", UUID.class)).all();
    }

    /**
     * Records a reward's booking as BOOKED: kept when the pledge has none or only an ended one; a booking already kept
     * (its event came first, or a state after it) is left as it is.
     */
    public Mono<Boolean> booked(CountyCode county, UUID pledge, UUID booking, Instant at) {
        return upsert(county, pledge, booking, ShipmentState.BOOKED, at, false);
    }

    /**
     * A shipment's new state, reported at {@code at}: applied unless a later report was applied already (events of one
     * booking may come late); the row is made when the booking's answer never reached the dispatch. False when the
     * pledge is none of this county's paid rewards.
     */
    public Mono<Boolean> stateChanged(CountyCode county, UUID pledge, UUID booking, ShipmentState state, Instant at) {
        return upsert(county, pledge, booking, state, at, true);
    }

    private Mono<Boolean> upsert(CountyCode county, UUID pledge, UUID booking, ShipmentState state, Instant at, boolean newerState) {
        // Times are compared between the logistics service's own reports only: a booking's BOOKED time is this service's
        // clock, and a carrier's scanner a second behind it would otherwise have its first scan ignored.
        String sameBooking = newerState ? "reward_delivery.booking_id = excluded.booking_id and (reward_delivery.state = 'BOOKED' "
                + "or reward_delivery.updated_at <= excluded.updated_at) or " : "";
        return database.sql("""
                        insert into reward_delivery (county_code, pledge_id, booking_id, lot_code, state, updated_at)
                        select p.county_code, p.id, :booking, t.lot_code, :state, :at
                        from pledge p join tier t on t.county_code = p.county_code and t.id = p.tier_id
                        where p.county_code = :county and p.id = :pledge
                        on conflict (county_code, pledge_id) do update
                            set booking_id = excluded.booking_id, lot_code = excluded.lot_code, state = excluded.state, updated_at = excluded.updated_at
                            where %s reward_delivery.booking_id <> excluded.booking_id and reward_delivery.state in %s""".formatted(sameBooking, ENDED))
                .bind("booking", booking).bind("state", state.name()).bind("at", at).bind("county", county.value()).bind("pledge", pledge)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Mono<RewardShipment> ofPledge(CountyCode county, UUID pledge) {
        return database.sql("select * from reward_delivery where county_code = :county and pledge_id = :pledge")
                .bind("county", county.value()).bind("pledge", pledge).map(DeliveryRepository::shipment).one();
    }

    /** The project's paid pledges (and those of its rewards being refunded or refunded after a booking) with their shipments. */
    public Flux<RewardDelivery> ofProject(CountyCode county, UUID project, String tracePageBase) {
        return database.sql("""
                        select p.id as pledge, p.client, p.backer_ref, p.quantity, t.id as tier, t.name as tier_name, t.lot_code as tier_lot,
                               d.pledge_id, d.booking_id, d.lot_code, d.state, d.updated_at
                        from pledge p join tier t on t.county_code = p.county_code and t.id = p.tier_id
                        left join reward_delivery d on d.county_code = p.county_code and d.pledge_id = p.id
                        where p.county_code = :county and p.project_id = :project and (p.status = 'PAID' or d.pledge_id is not null)
                        order by t.position, p.paid_at, p.id""")
                .bind("county", county.value()).bind("project", project)
                .map(row -> {
                    RewardShipment shipment = row.get("booking_id", UUID.class) == null ? null : shipment(row);
                    String lot = shipment != null && shipment.lotCode() != null ? shipment.lotCode() : row.get("tier_lot", String.class);
                    return new RewardDelivery(row.get("pledge", UUID.class), row.get("client", String.class), row.get("backer_ref", String.class),
                            row.get("quantity", Integer.class), row.get("tier", UUID.class), row.get("tier_name", String.class), lot,
                            org.povertyalleviation.crowdfunding.delivery.domain.TracedLot.traceUrl(tracePageBase, lot), shipment);
                })
                .all();
    }

    private static RewardShipment shipment(Readable row) {
        return new RewardShipment(row.get("pledge_id", UUID.class), row.get("booking_id", UUID.class), row.get("lot_code", String.class),
                ShipmentState.valueOf(row.get("state", String.class)), row.get("updated_at", Instant.class));
    }

    /** Takes the project's dispatch lease unless another dispatch holds it and it has not lapsed. */
    public Mono<Boolean> lease(CountyCode county, UUID project, UUID holder, Instant now, Instant until) {
        return database.sql("""
                        insert into dispatch_lease (county_code, project_id, holder, held_until) values (:county, :project, :holder, :until)
                        on conflict (county_code, project_id) do update set holder = excluded.holder, held_until = excluded.held_until
                        where dispatch_lease.held_until <= :now
                        returning holder""")
                .bind("county", county.value()).bind("project", project).bind("holder", holder).bind("until", until).bind("now", now)
                .map(row -> row.get("holder", UUID.class)).one().map(holder::equals).defaultIfEmpty(false);
    }

    public Mono<Void> releaseLease(CountyCode county, UUID project, UUID holder) {
        return database.sql("delete from dispatch_lease where county_code = :county and project_id = :project and holder = :holder")
                .bind("county", county.value()).bind("project", project).bind("holder", holder).fetch().rowsUpdated().then();
    }

    /** The project's rewards booked and not yet picked up: what a cancellation can still stop. */
    public Flux<UUID> bookedNotPickedUp(CountyCode county, UUID project) {
        return database.sql("""
                        select d.booking_id from reward_delivery d join pledge p on p.county_code = d.county_code and p.id = d.pledge_id
                        where d.county_code = :county and p.project_id = :project and d.state = 'BOOKED' order by d.booking_id""")
                .bind("county", county.value()).bind("project", project).map(row -> row.get("booking_id", UUID.class)).all();
    }

    /** The project's rewards on their way (picked up, not yet delivered, returned or cancelled). */
    public Mono<Long> underway(CountyCode county, UUID project) {
        return database.sql("""
                        select count(*) as underway from reward_delivery d join pledge p on p.county_code = d.county_code and p.id = d.pledge_id
                        where d.county_code = :county and p.project_id = :project and d.state not in ('BOOKED', 'DELIVERED', 'CANCELLED', 'RETURNED')""")
                .bind("county", county.value()).bind("project", project).map(row -> row.get("underway", Long.class)).one();
    }
}
