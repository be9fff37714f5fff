package org.povertyalleviation.platform.counties;

import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import reactor.core.publisher.Mono;

/**
 * the door to a county's records: the caller must be allowed to read (or act for) the county, which also closes
 * a suspended county to all but operators, and the county must have joined (its county.joined.v1 arrived).
 */
public class CountyGate {

    private final CountyAccess countyAccess;
    private final JoinedCounties joinedCounties;

    public CountyGate(CountyAccess countyAccess, JoinedCounties joinedCounties) {
        this.countyAccess = countyAccess;
        this.joinedCounties = joinedCounties;
    }

    public Mono<CountyCode> read(String county) {
        CountyCode code = CountyCode.fromRequest("county", county);
        return countyAccess.requireRead(code).flatMap(this::joined);
    }

    public Mono<CountyCode> act(String county) {
        CountyCode code = CountyCode.fromRequest("county", county);
        return countyAccess.requireActFor(code).flatMap(this::joined);
    }

    private Mono<CountyCode> joined(CountyCode code) {
        return joinedCounties.joined(code).flatMap(joined -> joined ? Mono.just(code) : Mono.error(new NotFoundException("County", code)));
    }
}
