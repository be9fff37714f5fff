package org.povertyalleviation.countyregistry.county;

import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class CountyRepository {

    private static final String COLUMNS = "code, name_zh, name_en, status, joined_at, suspended_at";

    private final DatabaseClient database;

    public CountyRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<County> find(CountyCode code) {
        return database.sql("select " + COLUMNS + " from county where code = :code").bind("code", code.value())
                .map(CountyRepository::county).one();
    }

    public Flux<County> findAll() {
        return database.sql("select " + COLUMNS + " from county order by code").map(CountyRepository::county).all();
    }

    /** @return true when the county was created, false when it existed (its names are brought up to date) */
    public Mono<Boolean> upsert(CountyCode code, String nameZh, String nameEn) {
        return database.sql("""
                        insert into county (code, name_zh, name_en, city_code, province_code, status)
                        values (:code, :nameZh, :nameEn, :city, :province, 'JOINED')
                        on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en
                        returning (xmax = 0) as created""")
                .bind("code", code.value()).bind("nameZh", nameZh).bind("nameEn", nameEn)
                .bind("city", County.cityOf(code)).bind("province", County.provinceOf(code))
                .map(row -> row.get("created", Boolean.class)).one();
    }

    /** @return true when the status changed */
    public Mono<Boolean> changeStatus(CountyCode code, County.Status status) {
        return database.sql("""
                        update county set status = :status,
                               suspended_at = case when :status = 'SUSPENDED' then now() else null end
                         where code = :code and status <> :status""")
                .bind("status", status.name()).bind("code", code.value())
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    private static County county(Readable row) {
        OffsetDateTime suspended = row.get("suspended_at", OffsetDateTime.class);
        return new County(CountyCode.of(row.get("code", String.class)), row.get("name_zh", String.class),
                row.get("name_en", String.class), County.Status.valueOf(row.get("status", String.class)),
                row.get("joined_at", OffsetDateTime.class).toInstant(), suspended == null ? null : suspended.toInstant());
    }

}
