package org.povertyalleviation.householdregistry.county;

import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.tenancy.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The door to a county's households: the caller must be allowed to read (or act for) the county, which also closes
 * a suspended county to all but operators, and the county must have joined (its county.joined.v1 arrived).
 */
@Component
public class CountyGate {

    private final CountyAccess countyAccess;
    private final DatabaseClient database;

    public CountyGate(CountyAccess countyAccess, DatabaseClient database) {
        this.countyAccess = countyAccess;
        this.database = database;
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
        return database.sql("select exists (select 1 from joined_county where code = :county) as joined")
                .bind("county", code.value()).map(row -> row.get("joined", Boolean.class)).one()
                .flatMap(joined -> joined ? Mono.just(code) : Mono.error(new NotFoundException("County", code)));
    }
}
