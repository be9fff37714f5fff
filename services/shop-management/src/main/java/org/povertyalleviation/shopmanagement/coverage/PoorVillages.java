package org.povertyalleviation.shopmanagement.coverage;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A county's poor villages and whether "one village, one shop" covers them. The one place that says what covered
 * means, for the coverage lists and the county's statistics alike; every call runs inside a county transaction
 * (row-level security).
 */
@Repository
public class PoorVillages {

    public record PoorVillage(String township, String village, String nameZh, int openShops, boolean covered) {
    }

    public record Totals(int poorVillages, int coveredPoorVillages) {

        public int uncoveredPoorVillages() {
            return poorVillages - coveredPoorVillages;
        }
    }

    /**
     * Covered means at least one OPEN shop: a planned shop sells nothing yet, a dormant one has stopped, a closed
     * one is gone, and none of them lifts the village.
     */
    private static final String POOR_VILLAGES = """
            select v.township_code, v.code, v.name_zh, count(s.id) as open_shops, count(s.id) > 0 as covered
              from village v
              left join shop s on s.county_code = v.county_code and s.village_code = v.code and s.status = 'OPEN'
             where v.county_code = :county and v.poor
             group by v.township_code, v.code, v.name_zh""";

    private final DatabaseClient database;

    public PoorVillages(DatabaseClient database) {
        this.database = database;
    }

    /** Township by township. */
    public Flux<PoorVillage> inCounty(String county) {
        return database.sql(POOR_VILLAGES + " order by township_code, code")
                .bind("county", county)
                .map(row -> new PoorVillage(row.get("township_code", String.class), row.get("code", String.class), row.get("name_zh", String.class),
                        row.get("open_shops", Long.class).intValue(), row.get("covered", Boolean.class)))
                .all();
    }

    /** Counted by the database, without reading the villages out. */
    public Mono<Totals> totals(String county) {
        return database.sql("select count(*) as poor_villages, count(*) filter (where covered) as covered_poor_villages from ("
                        + POOR_VILLAGES + ") poor_village")
                .bind("county", county)
                .map(row -> new Totals(row.get("poor_villages", Long.class).intValue(), row.get("covered_poor_villages", Long.class).intValue()))
                .one();
    }
}
