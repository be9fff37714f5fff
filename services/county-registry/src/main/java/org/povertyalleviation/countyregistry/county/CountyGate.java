package org.povertyalleviation.countyregistry.county;

import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The door to a county's records: the caller must be allowed to read the county (CountyAccess, which also closes
 * a suspended county to all but operators) and the county must have joined.
 */
@Component
public class CountyGate {

    private final CountyAccess countyAccess;
    private final CountyRepository counties;

    public CountyGate(CountyAccess countyAccess, CountyRepository counties) {
        this.countyAccess = countyAccess;
        this.counties = counties;
    }

    public Mono<County> read(CountyCode code) {
        return countyAccess.requireRead(code).then(counties.find(code))
                .switchIfEmpty(Mono.error(new NotFoundException("County", code)));
    }
}
