package org.povertyalleviation.logisticsbooking.network.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.logisticsbooking.network.domain.Coverage;
import org.povertyalleviation.logisticsbooking.network.domain.Leg;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;
import org.povertyalleviation.logisticsbooking.network.domain.OperatorKind;
import org.povertyalleviation.logisticsbooking.network.domain.Place;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.VillageCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The network's nodes and legs, and the village places it is judged against. Rows become domain objects here. */
@Repository
public class NetworkRepository {

    private final DatabaseClient database;

    public NetworkRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Boolean> villageExists(CountyCode county, VillageCode village) {
        return database.sql("select exists (select 1 from village where county_code = :county and code = :village) as known")
                .bind("county", county.value()).bind("village", village.value())
                .map(row -> row.get("known", Boolean.class)).one();
    }

    public Mono<Boolean> townshipExists(CountyCode county, String township) {
        return database.sql("select exists (select 1 from village where county_code = :county and township_code = :township) as known")
                .bind("county", county.value()).bind("township", township)
                .map(row -> row.get("known", Boolean.class)).one();
    }

    public Mono<Boolean> parkExists(CountyCode county) {
        return database.sql("select exists (select 1 from node where county_code = :county and level = 'COUNTY_PARK') as present")
                .bind("county", county.value()).map(row -> row.get("present", Boolean.class)).one();
    }

    public Mono<Void> insert(Node node) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into node (county_code, id, level, name, parent_id, township_code, village_code, address, latitude, longitude,
                                          opening_hours, operator_kind, operator_name, cold_storage, created_at)
                        values (:county, :id, :level, :name, :parent, :township, :village, :address, :latitude, :longitude,
                                :hours, :operatorKind, :operatorName, :cold, :createdAt)""")
                .bind("county", node.county().value()).bind("id", node.id()).bind("level", node.level().name()).bind("name", node.name())
                .bind("address", node.address()).bind("latitude", node.place().latitude()).bind("longitude", node.place().longitude())
                .bind("hours", node.openingHours()).bind("operatorKind", node.operatorKind().name()).bind("operatorName", node.operatorName())
                .bind("cold", node.coldStorage()).bind("createdAt", node.createdAt());
        spec = node.parent() == null ? spec.bindNull("parent", UUID.class) : spec.bind("parent", node.parent());
        spec = node.township() == null ? spec.bindNull("township", String.class) : spec.bind("township", node.township());
        spec = node.village() == null ? spec.bindNull("village", String.class) : spec.bind("village", node.village().value());
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Node> node(CountyCode county, UUID id) {
        return database.sql("select * from node where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(NetworkRepository::node).one();
    }

    public Mono<Node> postOf(CountyCode county, VillageCode village) {
        return database.sql("select * from node where county_code = :county and village_code = :village")
                .bind("county", county.value()).bind("village", village.value()).map(NetworkRepository::node).one();
    }

    public Flux<Node> nodes(CountyCode county) {
        return database.sql("select * from node where county_code = :county order by level, township_code nulls first, name, id")
                .bind("county", county.value()).map(NetworkRepository::node).all();
    }

    public Mono<Boolean> legExists(Leg leg) {
        return database.sql("""
                        select exists (select 1 from leg where county_code = :county
                                         and least(from_node, to_node) = least(:from::uuid, :to::uuid)
                                         and greatest(from_node, to_node) = greatest(:from::uuid, :to::uuid)) as present""")
                .bind("county", leg.county().value()).bind("from", leg.from()).bind("to", leg.to())
                .map(row -> row.get("present", Boolean.class)).one();
    }

    public Mono<Void> insert(Leg leg) {
        return database.sql("""
                        insert into leg (county_code, id, from_node, to_node, distance_m, drive_minutes)
                        values (:county, :id, :from, :to, :distance, :minutes)""")
                .bind("county", leg.county().value()).bind("id", leg.id()).bind("from", leg.from()).bind("to", leg.to())
                .bind("distance", leg.distanceMetres()).bind("minutes", leg.driveMinutes())
                .fetch().rowsUpdated().then();
    }

    public Flux<Leg> legs(CountyCode county) {
        return database.sql("select * from leg where county_code = :county order by id")
                .bind("county", county.value())
                .map(row -> new Leg(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("from_node", UUID.class),
                        row.get("to_node", UUID.class), row.get("distance_m", Integer.class), row.get("drive_minutes", Integer.class)))
                .all();
    }

    /** The county copy's villages with the place the county registry gave them, if any. */
    public Flux<Coverage.Village> villages(CountyCode county) {
        return database.sql("""
                        select v.code, v.township_code, v.name_zh, v.poor, p.latitude, p.longitude
                        from village v left join village_place p on p.county_code = v.county_code and p.village_code = v.code
                        where v.county_code = :county order by v.code""")
                .bind("county", county.value())
                .map(row -> {
                    BigDecimal latitude = row.get("latitude", BigDecimal.class);
                    BigDecimal longitude = row.get("longitude", BigDecimal.class);
                    return new Coverage.Village(row.get("code", String.class), row.get("township_code", String.class), row.get("name_zh", String.class),
                            Boolean.TRUE.equals(row.get("poor", Boolean.class)),
                            latitude == null || longitude == null ? null : new Place(latitude, longitude));
                }).all();
    }

    /** From village.registered.v1 (in the consumer's county transaction); a later place replaces an earlier one. */
    public Mono<Void> placeVillage(String county, String village, Place place) {
        return database.sql("""
                        insert into village_place (county_code, village_code, latitude, longitude) values (:county, :village, :latitude, :longitude)
                        on conflict (county_code, village_code) do update set latitude = excluded.latitude, longitude = excluded.longitude""")
                .bind("county", county).bind("village", village).bind("latitude", place.latitude()).bind("longitude", place.longitude())
                .fetch().rowsUpdated().then();
    }

    public static Node node(Readable row) {
        String village = row.get("village_code", String.class);
        return new Node(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), NodeLevel.valueOf(row.get("level", String.class)),
                row.get("name", String.class), row.get("parent_id", UUID.class), row.get("township_code", String.class),
                village == null ? null : VillageCode.of(village), row.get("address", String.class),
                new Place(row.get("latitude", BigDecimal.class), row.get("longitude", BigDecimal.class)), row.get("opening_hours", String.class),
                OperatorKind.valueOf(row.get("operator_kind", String.class)), row.get("operator_name", String.class),
                Boolean.TRUE.equals(row.get("cold_storage", Boolean.class)), row.get("created_at", Instant.class));
    }
}
