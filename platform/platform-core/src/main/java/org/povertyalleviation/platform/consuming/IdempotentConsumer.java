package org.povertyalleviation.platform.consuming;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.povertyalleviation.platform.domain.CountyCode;

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

    /**
     * Applies a batch of one county's events at most once each, in one transaction for the county: their ids are
     * recorded in one statement, and {@code effect} gets those not processed before, in their order (an id twice in
     * the batch counts once).
     *
     * @return how many events the effect got
     */
    public Mono<Integer> handleBatchOnce(String consumer, CountyCode county, List<EventEnvelope> events,
                                         Function<List<EventEnvelope>, Mono<Void>> effect) {
        return tenantTransactions.inCounty(county, () -> database.sql("""
                                insert into processed_event (consumer, event_id, event_type, county_code)
                                select :consumer, e.id, e.type, :county
                                  from unnest(:ids::uuid[], :types::text[]) with ordinality as e(id, type, n)
                                 order by e.n
                                on conflict do nothing
                                returning event_id""")
                .bind("consumer", consumer)
                .bind("ids", events.stream().map(event -> UUID.fromString(event.id())).toArray(UUID[]::new))
                .bind("types", events.stream().map(EventEnvelope::type).toArray(String[]::new))
                .bind("county", county.value())
                .map(row -> row.get(0, UUID.class)).all().collect(java.util.stream.Collectors.toSet())
                .flatMap(fresh -> {
                    // Compared as UUIDs: an id written in capitals is the same event as in small letters.
                    Set<UUID> taken = new HashSet<>();
                    List<EventEnvelope> toApply = new ArrayList<>();
                    for (EventEnvelope event : events) {
                        UUID id = UUID.fromString(event.id());
                        if (fresh.contains(id) && taken.add(id)) {
                            toApply.add(event);
                        }
                    }
                    return toApply.isEmpty() ? Mono.just(0) : effect.apply(toApply).thenReturn(toApply.size());
                }));
    }
}
