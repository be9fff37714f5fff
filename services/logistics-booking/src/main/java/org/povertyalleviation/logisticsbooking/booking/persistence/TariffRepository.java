package org.povertyalleviation.logisticsbooking.booking.persistence;

import org.povertyalleviation.logisticsbooking.booking.domain.Tariff;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The county's tariff and shipping subsidy. */
@Repository
public class TariffRepository {

    private final DatabaseClient database;

    public TariffRepository(DatabaseClient database) {
        this.database = database;
    }

    /** The county's tariff; {@link Tariff#NONE} while it has set none. */
    public Mono<Tariff> tariff(CountyCode county) {
        return database.sql("""
                        select vt.fen_per_kg as vt_rate, vt.minimum_fen as vt_min, tc.fen_per_kg as tc_rate, tc.minimum_fen as tc_min,
                               coalesce(s.percent, 0) as percent, coalesce(s.cap_fen, 0) as cap
                        from (select :county::char(6) as county_code) c
                        left join tariff vt on vt.county_code = c.county_code and vt.leg_level = 'VILLAGE_TOWNSHIP'
                        left join tariff tc on tc.county_code = c.county_code and tc.leg_level = 'TOWNSHIP_COUNTY'
                        left join shipping_subsidy s on s.county_code = c.county_code""")
                .bind("county", county.value())
                .map(row -> new Tariff(orZero(row.get("vt_rate", Long.class)), orZero(row.get("vt_min", Long.class)), orZero(row.get("tc_rate", Long.class)),
                        orZero(row.get("tc_min", Long.class)), row.get("percent", Integer.class), row.get("cap", Long.class)))
                .one();
    }

    public Mono<Void> set(CountyCode county, Tariff tariff) {
        return level(county, "VILLAGE_TOWNSHIP", tariff.villageTownshipFenPerKg(), tariff.villageTownshipMinimumFen())
                .then(level(county, "TOWNSHIP_COUNTY", tariff.townshipCountyFenPerKg(), tariff.townshipCountyMinimumFen()))
                .then(database.sql("""
                                insert into shipping_subsidy (county_code, percent, cap_fen) values (:county, :percent, :cap)
                                on conflict (county_code) do update set percent = excluded.percent, cap_fen = excluded.cap_fen""")
                        .bind("county", county.value()).bind("percent", tariff.subsidyPercent()).bind("cap", tariff.subsidyCapFen())
                        .fetch().rowsUpdated().then());
    }

    private Mono<Void> level(CountyCode county, String level, long rate, long minimum) {
        return database.sql("""
                        insert into tariff (county_code, leg_level, fen_per_kg, minimum_fen) values (:county, :level, :rate, :minimum)
                        on conflict (county_code, leg_level) do update set fen_per_kg = excluded.fen_per_kg, minimum_fen = excluded.minimum_fen""")
                .bind("county", county.value()).bind("level", level).bind("rate", rate).bind("minimum", minimum)
                .fetch().rowsUpdated().then();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
