package org.povertyalleviation.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event a service publishes, owned by it: one record per event type, whose components are the event's data exactly
 * as its schema in docs/events describes it, annotated with its type and topic ({@link EventType}). The outbox takes
 * the record ({@code Outbox.publish}); nothing builds an event from a persistence row or a map. The platform's
 * producer test ({@code ServiceEventsTest}) reads each type's catalogued example into the record and checks what it
 * writes against the schema.
 */
public interface PublishedEvent {

    /** The county the event belongs to (its envelope's county and the first half of its Kafka key). */
    String county();

    /** The aggregate the event is about (the envelope's subject and the second half of its Kafka key). */
    @JsonIgnore
    String subject();
}
