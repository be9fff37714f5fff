package org.povertyalleviation.shopmanagement.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.shopmanagement.web.Roles;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.shopmanagement.coverage.PoorVillages.PoorVillage;
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

    private final CountyGate gate;
    private final CountyAccess access;
    private final TenantTransactions tenantTransactions;
    private final PoorVillages poorVillages;

    VillageCoverage(CountyGate gate, CountyAccess access, TenantTransactions tenantTransactions, PoorVillages poorVillages) {
        this.gate = gate;
        this.access = access;
        this.tenantTransactions = tenantTransactions;
        this.poorVillages = poorVillages;
    }

    @GetMapping("/counties/{county}/coverage")
    Mono<Coverage> coverage(@PathVariable String county) {
        return gate.read(county).flatMap(code -> access.requireAnyRole(Roles.COUNTY_READERS).thenReturn(code)).flatMap(code -> poorVillages(code).collectList().map(rows -> coverage(code.value(), rows)));
    }

    /** Only the poor villages without an open shop, in township order: the list to act on. */
    @GetMapping("/counties/{county}/coverage/uncovered")
    Flux<Village> uncovered(@PathVariable String county) {
        return gate.read(county).flatMap(code -> access.requireAnyRole(Roles.COUNTY_READERS).thenReturn(code)).flatMapMany(code -> poorVillages(code))
                .filter(row -> !row.covered())
                .map(VillageCoverage::village);
    }

    private Flux<PoorVillage> poorVillages(CountyCode county) {
        return tenantTransactions.manyInCounty(county, () -> poorVillages.inCounty(county.value()));
    }

    private static Village village(PoorVillage row) {
        return new Village(row.village(), row.township(), row.nameZh(), row.openShops());
    }

    private static Coverage coverage(String county, List<PoorVillage> rows) {
        Map<String, List<PoorVillage>> byTownship = new LinkedHashMap<>();
        rows.forEach(row -> byTownship.computeIfAbsent(row.township(), township -> new ArrayList<>()).add(row));
        List<Township> townships = new ArrayList<>();
        byTownship.forEach((township, villages) -> {
            List<Village> covered = villages.stream().filter(PoorVillage::covered).map(VillageCoverage::village).toList();
            List<Village> uncovered = villages.stream().filter(row -> !row.covered()).map(VillageCoverage::village).toList();
            townships.add(new Township(township, villages.size(), covered.size(), covered, uncovered));
        });
        int covered = (int) rows.stream().filter(PoorVillage::covered).count();
        return new Coverage(county, rows.size(), covered, rows.size() - covered, townships);
    }
}
