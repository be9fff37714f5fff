package org.povertyalleviation.countyregistry.county;

import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.tenancy.CountyCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The door to a county's records: the caller must be allowed to read (or act for) the county, the county must
 * have joined, and a suspended county is closed to everyone but the platform's operators (its data is kept).
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
        return countyAccess.requireRead(code).then(open(code));
    }

    private Mono<County> open(CountyCode code) {
        return counties.find(code)
                .switchIfEmpty(Mono.error(new NotFoundException("County", code)))
                .zipWith(countyAccess.scope())
                .flatMap(countyAndScope -> countyAndScope.getT1().suspended() && !countyAndScope.getT2().operator()
                        ? Mono.error(new AccessDeniedException("County " + code + " is suspended"))
                        : Mono.just(countyAndScope.getT1()));
    }
}
