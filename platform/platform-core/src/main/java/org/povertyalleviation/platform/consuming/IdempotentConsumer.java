package org.povertyalleviation.platform.consuming;

import java.util.UUID;
import java.util.function.Function;

import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Applies an event's effect at most once per consumer. The event id is recorded in {@code processed_event}
 * in the same transaction as the effect: a redelivered event finds its id and does nothing, and an effect that
 * fails rolls the record back so that the retry runs it again. The transaction acts for the event's county.
 */
public class IdempotentConsumer {

    private final DatabaseClient database;
    private final TenantTransactions tenantTransactions;

    public IdempotentConsumer(DatabaseClient database, TenantTransactions tenantTransactions) {
        this.database = database;
        this.tenantTransactions = tenantTransactions;
    }

    /**
     * @param consumer a stable name of the consuming feature, e.g. {@code shop-income-to-ledger}
     * @return true when the effect ran, false when the event had already been processed
     */
    public Mono<Boolean> handleOnce(String consumer, EventEnvelope event, Function<EventEnvelope, Mono<Void>> effect) {
        return tenantTransactions.inCounty(event.countyCode(), () -> database.sql("""
                                insert into processed_event (consumer, event_id, event_type, county_code)
                                values (:consumer, :eventId, :eventType, :county)
                                on conflict do nothing""")
                .bind("consumer", consumer)
                .bind("eventId", UUID.fromString(event.id()))
                .bind("eventType", event.type())
                .bind("county", event.county())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? effect.apply(event).thenReturn(true) : Mono.just(false)));
    }
}
