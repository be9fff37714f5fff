package org.povertyalleviation.logisticsbooking.booking.persistence;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.logisticsbooking.booking.domain.Slot;
import org.povertyalleviation.logisticsbooking.booking.domain.SlotKind;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Windows and their room. Room is taken and given back only by {@link #take} and {@link #release}: each one statement
 * whose condition is checked on the row it locks, so concurrent bookings queue on the window's row and none overbooks.
 */
@Repository
public class SlotRepository {

    private final DatabaseClient database;

    public SlotRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Slot slot) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into slot (county_code, id, node_id, day, kind, window_start, window_end, capacity_grams, capacity_parcels, cold, carrier_id)
                        values (:county, :id, :node, :day, :kind, :start, :end, :grams, :parcels, :cold, :carrier)""")
                .bind("county", slot.county().value()).bind("id", slot.id()).bind("node", slot.node()).bind("day", slot.day())
                .bind("kind", slot.kind().name()).bind("start", slot.windowStart()).bind("end", slot.windowEnd())
                .bind("grams", slot.capacityGrams()).bind("parcels", slot.capacityParcels()).bind("cold", slot.cold());
        return (slot.carrier() == null ? spec.bindNull("carrier", UUID.class) : spec.bind("carrier", slot.carrier())).fetch().rowsUpdated().then();
    }

    public Mono<Boolean> exists(CountyCode county, UUID node, LocalDate day, SlotKind kind, LocalTime start) {
        return database.sql("""
                        select exists (select 1 from slot where county_code = :county and node_id = :node and day = :day and kind = :kind
                                         and window_start = :start) as present""")
                .bind("county", county.value()).bind("node", node).bind("day", day).bind("kind", kind.name()).bind("start", start)
                .map(row -> row.get("present", Boolean.class)).one();
    }

    public Mono<Slot> find(CountyCode county, UUID id) {
        return database.sql("select * from slot where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(SlotRepository::slot).one();
    }

    /** Takes room for a shipment if the window has it; empty when it has not (nothing changed). */
    public Mono<Slot> take(CountyCode county, UUID id, long grams, int parcels) {
        return database.sql("""
                        update slot set booked_grams = booked_grams + :grams, booked_parcels = booked_parcels + :parcels
                        where county_code = :county and id = :id
                          and booked_grams + :grams <= capacity_grams and booked_parcels + :parcels <= capacity_parcels
                        returning *""")
                .bind("county", county.value()).bind("id", id).bind("grams", grams).bind("parcels", parcels)
                .map(SlotRepository::slot).one();
    }

    public Mono<Void> release(CountyCode county, UUID id, long grams, int parcels) {
        return database.sql("""
                        update slot set booked_grams = booked_grams - :grams, booked_parcels = booked_parcels - :parcels
                        where county_code = :county and id = :id""")
                .bind("county", county.value()).bind("id", id).bind("grams", grams).bind("parcels", parcels)
                .fetch().rowsUpdated().then();
    }

    /** A day's windows, at one node or all. */
    public Flux<Slot> ofDay(CountyCode county, LocalDate day, UUID node) {
        String sql = "select * from slot where county_code = :county and day = :day" + (node == null ? "" : " and node_id = :node")
                + " order by node_id, kind, window_start";
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql).bind("county", county.value()).bind("day", day);
        return (node == null ? spec : spec.bind("node", node)).map(SlotRepository::slot).all();
    }

    /** The next windows of the kind at the node, from a day on, with room for the shipment, earliest first. */
    public Flux<Slot> nextFree(CountyCode county, UUID node, SlotKind kind, LocalDate from, long grams, int parcels, boolean cold, int limit) {
        return database.sql("""
                        select * from slot where county_code = :county and node_id = :node and kind = :kind and day >= :from
                          and capacity_grams - booked_grams >= :grams and capacity_parcels - booked_parcels >= :parcels
                          and (cold or not :cold)
                        order by day, window_start limit :limit""")
                .bind("county", county.value()).bind("node", node).bind("kind", kind.name()).bind("from", from)
                .bind("grams", grams).bind("parcels", parcels).bind("cold", cold).bind("limit", limit)
                .map(SlotRepository::slot).all();
    }

    static Slot slot(Readable row) {
        return new Slot(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("node_id", UUID.class),
                row.get("day", LocalDate.class), SlotKind.valueOf(row.get("kind", String.class)), row.get("window_start", LocalTime.class),
                row.get("window_end", LocalTime.class), row.get("capacity_grams", Long.class), row.get("capacity_parcels", Integer.class),
                row.get("booked_grams", Long.class), row.get("booked_parcels", Integer.class), Boolean.TRUE.equals(row.get("cold", Boolean.class)),
                row.get("carrier_id", UUID.class));
    }
}
