package org.povertyalleviation.countyregistry.village.web;

import org.povertyalleviation.countyregistry.village.VillageList;
import org.povertyalleviation.countyregistry.village.VillageRepository;

import org.povertyalleviation.countyregistry.county.CountyGate;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.PageLimit;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The read API other services and the portal use for a county's townships and villages. */
@RestController
class VillageController {

    private final CountyGate gate;
    private final TenantTransactions tenantTransactions;
    private final VillageRepository villages;

    VillageController(CountyGate gate, TenantTransactions tenantTransactions, VillageRepository villages) {
        this.gate = gate;
        this.tenantTransactions = tenantTransactions;
        this.villages = villages;
    }

    @GetMapping("/counties/{county}/townships")
    Flux<VillageList.Township> townships(@PathVariable String county) {
        CountyCode code = CountyCode.fromRequest("county", county);
        return gate.read(code).flatMapMany(open -> tenantTransactions.manyInCounty(code, villages::townships));
    }

    /** Keyset paging: pass the last village code of a page as {@code after} for the next. */
    @GetMapping("/counties/{county}/villages")
    Flux<VillageRepository.VillageRow> villages(@PathVariable String county,
                                                @RequestParam(required = false) String township,
                                                @RequestParam(required = false) Boolean poor,
                                                @RequestParam(required = false) String after,
                                                @RequestParam(defaultValue = "200") int limit) {
        PageLimit.check(limit, 1000);
        CountyCode code = CountyCode.fromRequest("county", county);
        return gate.read(code).flatMapMany(open -> tenantTransactions.manyInCounty(code,
                () -> villages.list(township, poor, after, limit)));
    }

    @GetMapping("/counties/{county}/villages/{village}")
    Mono<VillageRepository.VillageRow> village(@PathVariable String county, @PathVariable String village) {
        CountyCode code = CountyCode.fromRequest("county", county);
        return gate.read(code).flatMap(open -> tenantTransactions.inCounty(code, () -> villages.find(village)
                .switchIfEmpty(Mono.error(new NotFoundException("Village", village)))));
    }
}
