package org.povertyalleviation.platform.tenancy;

import org.povertyalleviation.platform.domain.CountyCode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
public class CountySuspensions implements org.povertyalleviation.platform.security.CountySuspensionCheck {


    private final DatabaseClient database;

    public CountySuspensions(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Boolean> isSuspended(CountyCode county) {
        return database.sql("""
                        select exists (select 1 from county_suspension where county_code = :county and suspended) as suspended""")
                .bind("county", county.value()).map(row -> row.get("suspended", Boolean.class)).one();
    }

    /** The stream consumer; other event types on the topic are ignored. */
    public Consumer<Message<byte[]>> consumer(EventListeners listeners) {
        return listeners.idempotent("county-status", this::apply);
    }

    /**
     * Records a suspension or reinstatement event; others are ignored. Idempotent, and an event older than the last
     * change recorded for its county changes nothing: the county registry calls this in the transaction that changes
     * the status, so that its own answers follow at once, and reads the same event back from the topic later.
     */
    public Mono<Void> apply(EventEnvelope event) {
        if (!SUSPENDED.equals(event.type()) && !REINSTATED.equals(event.type())) {
            return Mono.empty();
        }
        boolean suspended = SUSPENDED.equals(event.type());
        return database.sql("""
                        insert into county_suspension (county_code, suspended, changed_at) values (:county, :suspended, :at)
                        on conflict (county_code) do update set suspended = excluded.suspended, changed_at = excluded.changed_at
                        where county_suspension.changed_at < excluded.changed_at""")
                .bind("county", event.county()).bind("suspended", suspended)
                .bind("at", OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }
}
