package org.povertyalleviation.platform.sample;

import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.tenancy.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** A county-scoped endpoint the way services write them: check access, then work inside the county. */
@RestController
class SampleCountyController {

    private final CountyAccess countyAccess;
    private final TenantTransactions tenantTransactions;
    private final DatabaseClient database;

    SampleCountyController(CountyAccess countyAccess, TenantTransactions tenantTransactions, DatabaseClient database) {
        this.countyAccess = countyAccess;
        this.tenantTransactions = tenantTransactions;
        this.database = database;
    }

    @GetMapping("/counties/{county}/shipments")
    Flux<String> shipments(@PathVariable String county) {
        return countyAccess.requireRead(CountyCode.fromRequest("county", county))
                .flatMapMany(code -> tenantTransactions.manyInCounty(code, () -> database
                        .sql("select county_code || ':' || product as shipment from sample_shipment order by 1")
                        .map(row -> row.get("shipment", String.class)).all()));
    }
}
