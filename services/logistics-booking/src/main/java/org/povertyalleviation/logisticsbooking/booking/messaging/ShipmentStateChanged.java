package org.povertyalleviation.logisticsbooking.booking.messaging;

import java.time.Instant;

import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * logistics.shipment-state-changed.v1 (docs/events/): a booked shipment moved on (picked up, at a station, delivered,
 * failed, returned) or was cancelled. Only changes that moved it are published; a late report of a passed step is not.
 * Keyed by booking, so one shipment's changes arrive in order. No personal data (the recipient's name stays here).
 */
@EventType(value = "logistics.shipment-state-changed.v1", topic = "logistics.events")
public record ShipmentStateChanged(String county, String booking, String direction, String state, String previousState, Instant occurredAt,
                                   String node, String carriesKind, String carriesRef, String household) implements PublishedEvent {

    public static ShipmentStateChanged of(Booking before, Booking after, Instant occurredAt, java.util.UUID node) {
        return new ShipmentStateChanged(after.county().value(), after.id().toString(), after.direction().name(), after.state().name(),
                before.state().name(), occurredAt, node == null ? null : node.toString(), after.carriesKind().name(), after.carriesRef(),
                after.household() == null ? null : after.household().toString());
    }

    @Override
    public String subject() {
        return booking;
    }
}
