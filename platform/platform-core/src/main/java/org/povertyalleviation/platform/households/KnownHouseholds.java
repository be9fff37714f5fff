package org.povertyalleviation.platform.households;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Households of the copy (HouseholdCopy), read inside a county transaction (row-level security). */
public class KnownHouseholds {

    /** A household as the registry last told it. */
    public record KnownHousehold(UUID id, String fileNumber, String villageCode, String status, boolean removed) {
    }

    private final DatabaseClient database;

    public KnownHouseholds(DatabaseClient database) {
        this.database = database;
    }

    /**
     * The household, if the county's registry has it and has not removed it; otherwise a 422 naming the field. A
     * household of another county is not visible here (row-level security), so it is refused the same way.
     */
    public Mono<KnownHousehold> require(String county, UUID id, String field) {
        return find(county, id).filter(household -> !household.removed())
                .switchIfEmpty(Mono.error(new RuleViolatedException("unknown-household", "Household " + id
                        + " is not a registered household of county " + county, field)));
    }

    /**
     * The file numbers of the households the copy knows, by id (a household the registry never announced is absent):
     * what a list shows instead of bare ids. Read inside the caller's county transaction.
     */
    public Mono<Map<UUID, String>> fileNumbers(String county, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql("select id, file_number from household where county_code = :county and id = any(:ids)")
                .bind("county", county).bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("file_number", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Mono<KnownHousehold> find(String county, UUID id) {
        return database.sql("select id, file_number, village_code, status, removed_at is not null as removed from household "
                        + "where county_code = :county and id = :id")
                .bind("county", county).bind("id", id)
                .map(row -> new KnownHousehold(row.get("id", UUID.class), row.get("file_number", String.class),
                        row.get("village_code", String.class), row.get("status", String.class), Boolean.TRUE.equals(row.get("removed", Boolean.class))))
                .one();
    }
}
