package org.povertyalleviation.logisticsbooking.booking.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.logisticsbooking.booking.domain.CarriesKind;
import org.povertyalleviation.logisticsbooking.booking.domain.Direction;
import org.povertyalleviation.logisticsbooking.booking.domain.SenderKind;
import org.povertyalleviation.logisticsbooking.booking.domain.ShipmentState;
import org.povertyalleviation.logisticsbooking.booking.domain.TrackingUpdate;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.VillageCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Bookings and the reports of where they are. */
@Repository
public class BookingRepository {

    private final DatabaseClient database;

    public BookingRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Booking booking) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into booking (county_code, id, slot_id, direction, node_id, village_code, sender_kind, sender_ref, household_id,
                                             poor_household, recipient, weight_grams, parcels, cold, declared_value_fen, carries_kind, carries_ref,
                                             price_fen, subsidy_fen, carrier_id, state, progress, booked_by, booked_by_partner, booked_at, updated_at)
                        values (:county, :id, :slot, :direction, :node, :village, :senderKind, :senderRef, :household,
                                :poor, :recipient, :grams, :parcels, :cold, :declared, :carriesKind, :carriesRef,
                                :price, :subsidy, :carrier, :state, :progress, :bookedBy, :partner, :bookedAt, :updatedAt)""")
                .bind("county", booking.county().value()).bind("id", booking.id()).bind("slot", booking.slot())
                .bind("direction", booking.direction().name()).bind("node", booking.node()).bind("senderKind", booking.senderKind().name())
                .bind("senderRef", booking.senderRef()).bind("poor", booking.poorHousehold()).bind("recipient", booking.recipient())
                .bind("grams", booking.weightGrams()).bind("parcels", booking.parcels()).bind("cold", booking.cold())
                .bind("declared", booking.declaredValueFen()).bind("carriesKind", booking.carriesKind().name())
                .bind("price", booking.priceFen()).bind("subsidy", booking.subsidyFen()).bind("state", booking.state().name())
                .bind("progress", booking.progress()).bind("bookedBy", booking.bookedBy()).bind("bookedAt", booking.bookedAt())
                .bind("updatedAt", booking.updatedAt());
        spec = nullable(spec, "village", booking.village() == null ? null : booking.village().value(), String.class);
        spec = nullable(spec, "household", booking.household(), UUID.class);
        spec = nullable(spec, "carriesRef", booking.carriesRef(), String.class);
        spec = nullable(spec, "carrier", booking.carrier(), UUID.class);
        spec = nullable(spec, "partner", booking.bookedByPartner(), String.class);
        return spec.fetch().rowsUpdated().then();
    }

    /** The booking, locked until the transaction ends: reports and changes of one booking queue behind each other. */
    public Mono<Booking> findForUpdate(CountyCode county, UUID id) {
        return database.sql("select * from booking where county_code = :county and id = :id for update")
                .bind("county", county.value()).bind("id", id).map(BookingRepository::booking).one();
    }

    public Mono<Booking> find(CountyCode county, UUID id) {
        return database.sql("select * from booking where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(BookingRepository::booking).one();
    }

    /** What changes after booking: its window, carrier and where it is. */
    public Mono<Void> update(Booking booking) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        update booking set slot_id = :slot, carrier_id = :carrier, state = :state, progress = :progress, updated_at = :updatedAt
                        where county_code = :county and id = :id""")
                .bind("slot", booking.slot()).bind("state", booking.state().name()).bind("progress", booking.progress())
                .bind("updatedAt", booking.updatedAt()).bind("county", booking.county().value()).bind("id", booking.id());
        return nullable(spec, "carrier", booking.carrier(), UUID.class).fetch().rowsUpdated().then();
    }

    /**
     * A day's bookings, at one node or all, optionally only those a partner booked or was assigned (carrier: the
     * partner's carrier in the county, if it is one).
     */
    public Flux<Booking> ofDay(CountyCode county, LocalDate day, UUID node, String partner, UUID partnerCarrier, int limit) {
        StringBuilder sql = new StringBuilder("""
                select b.* from booking b join slot s on s.county_code = b.county_code and s.id = b.slot_id
                where b.county_code = :county and s.day = :day""");
        if (node != null) {
            sql.append(" and b.node_id = :node");
        }
        if (partner != null) {
            sql.append(" and (b.booked_by_partner = :partner").append(partnerCarrier == null ? ")" : " or b.carrier_id = :carrier)");
        }
        sql.append(" order by s.window_start, b.booked_at, b.id limit :limit");
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql.toString()).bind("county", county.value()).bind("day", day).bind("limit", limit);
        if (node != null) {
            spec = spec.bind("node", node);
        }
        if (partner != null) {
            spec = spec.bind("partner", partner);
            if (partnerCarrier != null) {
                spec = spec.bind("carrier", partnerCarrier);
            }
        }
        return spec.map(BookingRepository::booking).all();
    }

    public Mono<TrackingUpdate> update(CountyCode county, UUID booking, String updateId) {
        return database.sql("select * from tracking_update where county_code = :county and booking_id = :booking and update_id = :update")
                .bind("county", county.value()).bind("booking", booking).bind("update", updateId).map(BookingRepository::trackingUpdate).one();
    }

    public Mono<Void> insert(CountyCode county, TrackingUpdate update) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into tracking_update (county_code, booking_id, update_id, state, occurred_at, node_id, reason, recipient, photo_ref,
                                                     reported_by, received_at, advanced)
                        values (:county, :booking, :update, :state, :occurredAt, :node, :reason, :recipient, :photo, :reportedBy, :receivedAt, :advanced)""")
                .bind("county", county.value()).bind("booking", update.booking()).bind("update", update.updateId())
                .bind("state", update.state().name()).bind("occurredAt", update.occurredAt()).bind("reportedBy", update.reportedBy())
                .bind("receivedAt", update.receivedAt()).bind("advanced", update.advanced());
        spec = nullable(spec, "node", update.node(), UUID.class);
        spec = nullable(spec, "reason", update.reason(), String.class);
        spec = nullable(spec, "recipient", update.recipient(), String.class);
        spec = nullable(spec, "photo", update.photoRef(), String.class);
        return spec.fetch().rowsUpdated().then();
    }

    /** A booking's reports in the order things happened (then as they arrived). */
    public Flux<TrackingUpdate> timeline(CountyCode county, UUID booking) {
        return database.sql("select * from tracking_update where county_code = :county and booking_id = :booking order by occurred_at, received_at, update_id")
                .bind("county", county.value()).bind("booking", booking).map(BookingRepository::trackingUpdate).all();
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static Booking booking(Readable row) {
        String village = row.get("village_code", String.class);
        return new Booking(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("slot_id", UUID.class),
                Direction.valueOf(row.get("direction", String.class)), row.get("node_id", UUID.class), village == null ? null : VillageCode.of(village),
                SenderKind.valueOf(row.get("sender_kind", String.class)), row.get("sender_ref", String.class), row.get("household_id", UUID.class),
                Boolean.TRUE.equals(row.get("poor_household", Boolean.class)), row.get("recipient", String.class), row.get("weight_grams", Long.class),
                row.get("parcels", Integer.class), Boolean.TRUE.equals(row.get("cold", Boolean.class)), row.get("declared_value_fen", Long.class),
                CarriesKind.valueOf(row.get("carries_kind", String.class)), row.get("carries_ref", String.class), row.get("price_fen", Long.class),
                row.get("subsidy_fen", Long.class), row.get("carrier_id", UUID.class), ShipmentState.valueOf(row.get("state", String.class)),
                row.get("progress", Short.class), row.get("booked_by", String.class), row.get("booked_by_partner", String.class),
                row.get("booked_at", Instant.class), row.get("updated_at", Instant.class));
    }

    private static TrackingUpdate trackingUpdate(Readable row) {
        return new TrackingUpdate(row.get("booking_id", UUID.class), row.get("update_id", String.class), ShipmentState.valueOf(row.get("state", String.class)),
                row.get("occurred_at", Instant.class), row.get("node_id", UUID.class), row.get("reason", String.class), row.get("recipient", String.class),
                row.get("photo_ref", String.class), row.get("reported_by", String.class), row.get("received_at", Instant.class),
                Boolean.TRUE.equals(row.get("advanced", Boolean.class)));
    }
}
