package org.povertyalleviation.platform.outbox;

import java.util.UUID;

import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
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

    public Outbox(DatabaseClient database, EventCodec codec) {
        this.database = database;
        this.codec = codec;
    }

    /** @param topic the Kafka topic, named explicitly by the producer (docs/events/), never after a class */
    public Mono<Void> append(String topic, EventEnvelope event) {
        return database.sql("""
                        insert into outbox_event (event_id, county_code, aggregate_id, event_type, topic, envelope)
                        values (:eventId, :county, :aggregateId, :eventType, :topic, :envelope)""")
                .bind("eventId", UUID.fromString(event.id()))
                .bind("county", event.county())
                .bind("aggregateId", event.subject())
                .bind("eventType", event.type())
                .bind("topic", topic)
                .bind("envelope", codec.write(event))
                .fetch().rowsUpdated().then();
    }
}
