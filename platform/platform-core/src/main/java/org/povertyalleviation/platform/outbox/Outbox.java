package org.povertyalleviation.platform.outbox;

import java.util.List;
import java.util.UUID;

import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.tenancy.TenantContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Where a service writes its events: call {@link #append} inside the transaction that changes the domain
 * (see TenantTransactions), so that the change and its event commit together or not at all. The relay
 * publishes them afterwards.
 */
public class Outbox {

    private final DatabaseClient database;
    private final EventCodec codec;
    private final String source;

    /** @param source the CloudEvents source of the service's events, {@code /services/<application name>} */
    public Outbox(DatabaseClient database, EventCodec codec, String source) {
        this.database = database;
        this.codec = codec;
        this.source = source;
    }

    /**
     * Appends a typed event (its record's {@link EventType} names type and topic) in the transaction of its county;
     * the same guarantees as {@link #append}.
     */
    public Mono<Void> publish(PublishedEvent event) {
        EventType declared = typeOf(event);
        return append(declared.topic(), envelope(event, declared));
    }

    /** Appends typed events of one topic in one statement: see {@link #appendAll}. */
    public Mono<Void> publishAll(List<? extends PublishedEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        String topic = typeOf(events.get(0)).topic();
        List<EventEnvelope> envelopes = new java.util.ArrayList<>(events.size());
        for (PublishedEvent event : events) {
            EventType declared = typeOf(event);
            if (!declared.topic().equals(topic)) {
                return Mono.error(new IllegalArgumentException("publishAll takes events of one topic: " + topic + " and " + declared.topic()));
            }
            envelopes.add(envelope(event, declared));
        }
        return appendAll(topic, envelopes);
    }

    /** The envelope the outbox writes for a typed event (also what a producer's test checks against the catalogue). */
    public EventEnvelope envelope(PublishedEvent event) {
        return envelope(event, typeOf(event));
    }

    private EventEnvelope envelope(PublishedEvent event, EventType declared) {
        return EventEnvelope.create(source, declared.value(), CountyCode.of(event.county()), event.subject(), codec.toTree(event));
    }

    private static EventType typeOf(PublishedEvent event) {
        EventType declared = event.getClass().getAnnotation(EventType.class);
        if (declared == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " names no @EventType");
        }
        return declared;
    }

    /**
     * @param topic the Kafka topic, named explicitly by the producer (docs/events/), never after a class
     * @throws IllegalStateException (as an error signal) outside a transaction for the event's county
     */
    public Mono<Void> append(String topic, EventEnvelope event) {
        return TenantContext.currentCounty()
                .flatMap(county -> county.equals(event.countyCode()) ? Mono.just(county) : Mono.error(new IllegalStateException(
                        "An event of county " + event.county() + " appended in a transaction for county " + county)))
                // Serialise appends per aggregate until commit, so that position order is commit order and the
                // relay's per-aggregate order is the order the changes happened in.
                .then(database.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                        .bind("key", topic + "|" + event.partitionKey()).fetch().first())
                // Inserts only inside a transaction that set this county (the setting is transaction-local), so
                // an event can never commit on its own, apart from the change it announces.
                .then(database.sql("""
                                insert into outbox_event (event_id, county_code, aggregate_id, event_type, topic, envelope)
                                select :eventId, :county, :aggregateId, :eventType, :topic, :envelope
                                 where current_setting('app.county', true) = :county""")
                        .bind("eventId", UUID.fromString(event.id()))
                        .bind("county", event.county())
                        .bind("aggregateId", event.subject())
                        .bind("eventType", event.type())
                        .bind("topic", topic)
                        .bind("envelope", codec.write(event))
                        .fetch().rowsUpdated())
                .flatMap(inserted -> inserted == 1 ? Mono.<Void>empty() : Mono.error(new IllegalStateException(
                        "Outbox.append needs the transaction of county " + event.county() + " (TenantTransactions)")));
    }

    /**
     * Appends many events of the transaction's county in one statement (a bulk import's batch): the same guarantees
     * as {@link #append}, one round trip instead of one per event.
     */
    public Mono<Void> appendAll(String topic, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        return TenantContext.currentCounty().flatMap(county -> {
            if (events.stream().anyMatch(event -> !county.equals(event.countyCode()))) {
                return Mono.error(new IllegalStateException("Events of another county appended in a transaction for county " + county));
            }
            // Locks in a fixed order, so that two batches touching the same aggregates cannot deadlock.
            String[] keys = events.stream().map(event -> topic + "|" + event.partitionKey()).distinct().sorted().toArray(String[]::new);
            return database.sql("select count(pg_advisory_xact_lock(hashtextextended(key, 0))) from unnest(:keys::text[]) as key")
                    .bind("keys", keys).fetch().first()
                    .then(database.sql("""
                                    insert into outbox_event (event_id, county_code, aggregate_id, event_type, topic, envelope)
                                    select e.event_id, :county, e.aggregate_id, e.event_type, :topic, e.envelope
                                      from unnest(:ids::uuid[], :aggregates::text[], :types::text[], :envelopes::text[])
                                           with ordinality as e(event_id, aggregate_id, event_type, envelope, n)
                                     where current_setting('app.county', true) = :county
                                     order by e.n""")
                            .bind("county", county.value())
                            .bind("topic", topic)
                            .bind("ids", events.stream().map(event -> UUID.fromString(event.id())).toArray(UUID[]::new))
                            .bind("aggregates", events.stream().map(EventEnvelope::subject).toArray(String[]::new))
                            .bind("types", events.stream().map(EventEnvelope::type).toArray(String[]::new))
                            .bind("envelopes", events.stream().map(codec::write).toArray(String[]::new))
                            .fetch().rowsUpdated())
                    .flatMap(inserted -> inserted == events.size() ? Mono.<Void>empty() : Mono.error(new IllegalStateException(
                            "Outbox.appendAll needs the transaction of county " + county + " (TenantTransactions)")));
        });
    }
}
