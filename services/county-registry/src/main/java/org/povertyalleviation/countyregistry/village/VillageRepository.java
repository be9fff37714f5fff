package org.povertyalleviation.countyregistry.village;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Townships and villages; every call runs inside a county transaction (row-level security). */
@Repository
public class VillageRepository {

    public record VillageRow(String countyCode, String code, String townshipCode, String nameZh, boolean poor,
                             Double latitude, Double longitude) {
    }

    private final DatabaseClient database;

    public VillageRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> saveTownship(String county, VillageList.Township township) {
        return database.sql("""
                        insert into township (county_code, code, name_zh) values (:county, :code, :name)
                        on conflict (county_code, code) do update set name_zh = excluded.name_zh""")
                .bind("county", county).bind("code", township.code()).bind("name", township.nameZh())
                .fetch().rowsUpdated().then();
    }

    /** @return true when the village is new */
    public Mono<Boolean> saveVillage(String county, VillageList.Village village) {
        return database.sql("""
                        insert into village (county_code, code, township_code, name_zh, poor, latitude, longitude)
                        values (:county, :code, :township, :name, :poor, :latitude, :longitude)
                        on conflict (county_code, code) do update
                           set township_code = excluded.township_code, name_zh = excluded.name_zh, poor = excluded.poor,
                               latitude = excluded.latitude, longitude = excluded.longitude
                        returning (xmax = 0) as created""")
                .bind("county", county).bind("code", village.code()).bind("township", village.townshipCode())
                .bind("name", village.nameZh()).bind("poor", village.poor())
                .bind("latitude", Parameters.in(R2dbcType.DOUBLE, village.latitude()))
                .bind("longitude", Parameters.in(R2dbcType.DOUBLE, village.longitude()))
                .map(row -> row.get("created", Boolean.class)).one();
    }

    /** Villages in code order after {@code after} (keyset paging), optionally of one township or poor only. */
    public Flux<VillageRow> list(String township, Boolean poor, String after, int limit) {
        return database.sql("""
                        select county_code, code, township_code, name_zh, poor, latitude, longitude from village
                         where (:township::text is null or township_code = :township)
                           and (:poor::boolean is null or poor = :poor)
                           and code > :after
                         order by code limit :limit""")
                .bind("township", Parameters.in(R2dbcType.VARCHAR, township))
                .bind("poor", Parameters.in(R2dbcType.BOOLEAN, poor))
                .bind("after", after == null ? "" : after)
                .bind("limit", limit)
                .map(VillageRepository::village).all();
    }

    public Mono<VillageRow> find(String code) {
        return database.sql("select county_code, code, township_code, name_zh, poor, latitude, longitude from village where code = :code")
                .bind("code", code).map(VillageRepository::village).one();
    }

    public Flux<VillageList.Township> townships() {
        return database.sql("select code, name_zh from township order by code")
                .map(row -> new VillageList.Township(row.get("code", String.class), row.get("name_zh", String.class))).all();
    }

    private static VillageRow village(Readable row) {
        java.math.BigDecimal latitude = row.get("latitude", java.math.BigDecimal.class);
        java.math.BigDecimal longitude = row.get("longitude", java.math.BigDecimal.class);
        return new VillageRow(row.get("county_code", String.class), row.get("code", String.class), row.get("township_code", String.class),
                row.get("name_zh", String.class), row.get("poor", Boolean.class),
                latitude == null ? null : latitude.doubleValue(), longitude == null ? null : longitude.doubleValue());
    }
}
