package org.povertyalleviation.shopmanagement.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * "One village, one shop": per township of the county, how many of its poor villages have at least one OPEN shop,
 * and which have none. A planned, dormant or closed shop does not count.
 */
@RestController
class VillageCoverage {

    record Village(String village, String township, String nameZh, int openShops) {
    }

    record Township(String township, int poorVillages, int coveredPoorVillages, List<Village> covered, List<Village> uncovered) {
    }

    record Coverage(String county, int poorVillages, int coveredPoorVillages, int uncoveredPoorVillages, List<Township> townships) {
    }

    private record Row(String township, String village, String nameZh, int openShops) {
    }

    private final CountyGate gate;
    private final CountyAccess access;
    private final TenantTransactions tenantTransactions;
    private final DatabaseClient database;

    VillageCoverage(CountyGate gate, CountyAccess access, TenantTransactions tenantTransactions, DatabaseClient database) {
        this.gate = gate;
        this.access = access;
        this.tenantTransactions = tenantTransactions;
        this.database = database;
    }

    @GetMapping("/counties/{county}/coverage")
    Mono<Coverage> coverage(@PathVariable String county) {
        return gate.read(county).flatMap(code -> access.requireAnyRole(Roles.COUNTY_READERS).thenReturn(code)).flatMap(code -> poorVillages(code.value(), code).collectList().map(rows -> coverage(code.value(), rows)));
    }

    /** Only the poor villages without an open shop, in township order: the list to act on. */
    @GetMapping("/counties/{county}/coverage/uncovered")
    Flux<Village> uncovered(@PathVariable String county) {
        return gate.read(county).flatMap(code -> access.requireAnyRole(Roles.COUNTY_READERS).thenReturn(code)).flatMapMany(code -> poorVillages(code.value(), code))
                .filter(row -> row.openShops() == 0)
                .map(VillageCoverage::village);
    }

    private Flux<Row> poorVillages(String county, org.povertyalleviation.platform.tenancy.CountyCode code) {
        return tenantTransactions.manyInCounty(code, () -> database.sql("""
                        select v.township_code, v.code, v.name_zh, count(s.id) as open_shops
                          from village v
                          left join shop s on s.county_code = v.county_code and s.village_code = v.code and s.status = 'OPEN'
                         where v.county_code = :county and v.poor
                         group by v.township_code, v.code, v.name_zh
                         order by v.township_code, v.code""")
                .bind("county", county)
                .map(row -> new Row(row.get("township_code", String.class), row.get("code", String.class), row.get("name_zh", String.class),
                        row.get("open_shops", Long.class).intValue()))
                .all());
    }

    private static Village village(Row row) {
        return new Village(row.village(), row.township(), row.nameZh(), row.openShops());
    }

    private static Coverage coverage(String county, List<Row> rows) {
        Map<String, List<Row>> byTownship = new LinkedHashMap<>();
        rows.forEach(row -> byTownship.computeIfAbsent(row.township(), township -> new ArrayList<>()).add(row));
        List<Township> townships = new ArrayList<>();
        byTownship.forEach((township, villages) -> {
            List<Village> covered = villages.stream().filter(row -> row.openShops() > 0).map(VillageCoverage::village).toList();
            List<Village> uncovered = villages.stream().filter(row -> row.openShops() == 0).map(VillageCoverage::village).toList();
            townships.add(new Township(township, villages.size(), covered.size(), covered, uncovered));
        });
        int covered = (int) rows.stream().filter(row -> row.openShops() > 0).count();
        return new Coverage(county, rows.size(), covered, rows.size() - covered, townships);
    }
}
