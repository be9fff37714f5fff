package org.povertyalleviation.logisticsbooking.carrier.persistence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.logisticsbooking.carrier.domain.Carrier;
import org.povertyalleviation.logisticsbooking.carrier.domain.Vehicle;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Carriers and their vehicles. */
@Repository
public class CarrierRepository {

    private final DatabaseClient database;

    public CarrierRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Carrier carrier) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into carrier (county_code, id, name, client_id, created_at) values (:county, :id, :name, :client, :createdAt)""")
                .bind("county", carrier.county().value()).bind("id", carrier.id()).bind("name", carrier.name())
                .bind("createdAt", carrier.createdAt());
        return (carrier.client() == null ? spec.bindNull("client", String.class) : spec.bind("client", carrier.client()))
                .fetch().rowsUpdated().then();
    }

    public Mono<Carrier> find(CountyCode county, UUID id) {
        return database.sql("select * from carrier where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(CarrierRepository::carrier).one();
    }

    public Mono<Carrier> ofClient(CountyCode county, String client) {
        return database.sql("select * from carrier where county_code = :county and client_id = :client")
                .bind("county", county.value()).bind("client", client).map(CarrierRepository::carrier).one();
    }

    public Flux<Carrier> all(CountyCode county) {
        return database.sql("select * from carrier where county_code = :county order by name, id")
                .bind("county", county.value()).map(CarrierRepository::carrier).all();
    }

    public Mono<Void> insert(Vehicle vehicle) {
        return database.sql("""
                        insert into vehicle (county_code, id, carrier_id, plate, capacity_kg, capacity_parcels, cold, working_days, base_node)
                        values (:county, :id, :carrier, :plate, :kg, :parcels, :cold, :days, :base)""")
                .bind("county", vehicle.county().value()).bind("id", vehicle.id()).bind("carrier", vehicle.carrier())
                .bind("plate", vehicle.plate()).bind("kg", vehicle.capacityKg()).bind("parcels", vehicle.capacityParcels())
                .bind("cold", vehicle.cold())
                .bind("days", vehicle.workingDays().stream().map(day -> (short) day.getValue()).toArray(Short[]::new))
                .bind("base", vehicle.base())
                .fetch().rowsUpdated().then();
    }

    public Mono<Boolean> plateTaken(CountyCode county, String plate) {
        return database.sql("select exists (select 1 from vehicle where county_code = :county and plate = :plate) as taken")
                .bind("county", county.value()).bind("plate", plate).map(row -> row.get("taken", Boolean.class)).one();
    }

    public Flux<Vehicle> vehicles(CountyCode county) {
        return database.sql("select * from vehicle where county_code = :county order by plate")
                .bind("county", county.value()).map(CarrierRepository::vehicle).all();
    }

    private static Carrier carrier(Readable row) {
        return new Carrier(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("name", String.class),
                row.get("client_id", String.class), row.get("created_at", Instant.class));
    }

    private static Vehicle vehicle(Readable row) {
        Short[] days = row.get("working_days", Short[].class);
        return new Vehicle(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("carrier_id", UUID.class),
                row.get("plate", String.class), row.get("capacity_kg", Integer.class), row.get("capacity_parcels", Integer.class),
                Boolean.TRUE.equals(row.get("cold", Boolean.class)),
                Arrays.stream(days).map(day -> DayOfWeek.of(day)).collect(Collectors.toSet()), row.get("base_node", UUID.class));
    }
}
