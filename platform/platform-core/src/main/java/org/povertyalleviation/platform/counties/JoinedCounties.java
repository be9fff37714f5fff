package org.povertyalleviation.platform.counties;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The counties whose county.joined.v1 arrived (CountyCopy). Not tenant data, so readable without a county: the
 * gate asks whether one joined, and the jobs that walk every county (sweep, watchdog, key rotation) list them.
 */
public class JoinedCounties {

    private final DatabaseClient database;
    // A county never leaves the table (suspension is separate), so a "yes" is remembered: the gate then costs no query
    // on every request. Only codes found in the table get in, so the set is bounded by the counties that joined.
    private final Set<CountyCode> known = ConcurrentHashMap.newKeySet();

    public JoinedCounties(DatabaseClient database) {
        this.database = database;
    }

    public Flux<CountyCode> all() {
        return database.sql("select code from joined_county order by code")
                .map(row -> CountyCode.of(row.get("code", String.class))).all();
    }

    public Mono<Boolean> joined(CountyCode county) {
        if (known.contains(county)) {
            return Mono.just(true);
        }
        return database.sql("select exists (select 1 from joined_county where code = :county) as joined")
                .bind("county", county.value()).map(row -> row.get("joined", Boolean.class)).one()
                .doOnNext(joined -> {
                    if (joined) {
                        known.add(county);
                    }
                });
    }
}
