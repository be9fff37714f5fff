package org.povertyalleviation.platform.tenancy;

import java.time.OffsetDateTime;
import java.util.function.Consumer;

import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.springframework.messaging.Message;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Which counties are suspended, in every service: kept from the county registry's {@code county.suspended.v1}
 * and {@code county.reinstated.v1} (consumer {@code countyStatus}, bound to {@code county.events} by the
 * platform defaults) and consulted by {@link org.povertyalleviation.platform.security.CountyAccess}, so a
 * suspended county's users are refused by each service itself. The table is shared by a service's replicas.
 */
public class CountySuspensions {

    public static final String SUSPENDED = "county.suspended.v1";
    public static final String REINSTATED = "county.reinstated.v1";

    private final DatabaseClient database;

    public CountySuspensions(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Boolean> isSuspended(CountyCode county) {
        return database.sql("select exists (select 1 from suspended_county where county_code = :county) as suspended")
                .bind("county", county.value()).map(row -> row.get("suspended", Boolean.class)).one();
    }

    /** The stream consumer; other event types on the topic are ignored. */
    public Consumer<Message<byte[]>> consumer(EventListeners listeners) {
        return listeners.idempotent("county-status", this::apply);
    }

    /**
     * Records a suspension or reinstatement event; others are ignored. Idempotent. The county registry calls it in
     * the transaction that changes the status, so that its own answers follow at once.
     */
    public Mono<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case SUSPENDED -> database.sql("""
                            insert into suspended_county (county_code, suspended_at) values (:county, :at)
                            on conflict (county_code) do update set suspended_at = excluded.suspended_at""")
                    .bind("county", event.county()).bind("at", OffsetDateTime.ofInstant(event.time(), java.time.ZoneOffset.UTC))
                    .fetch().rowsUpdated().then();
            case REINSTATED -> database.sql("delete from suspended_county where county_code = :county")
                    .bind("county", event.county()).fetch().rowsUpdated().then();
            default -> Mono.empty();
        };
    }
}
