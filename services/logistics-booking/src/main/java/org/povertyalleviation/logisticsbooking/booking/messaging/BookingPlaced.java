package org.povertyalleviation.logisticsbooking.booking.messaging;

import java.time.Instant;

import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.logisticsbooking.booking.domain.Slot;
import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;

/**
 * logistics.booking-placed.v1 (docs/events/): a pickup or delivery was booked into a window. What it carries (an order
 * delivery, a crowdfunding reward, a traceability lot) lets that service follow it. No personal data: the recipient
 * stays in this service; the household is its pseudonymous id. Keyed by booking.
 */
@EventType(value = "logistics.booking-placed.v1", topic = "logistics.events")
public record BookingPlaced(String county, String booking, String direction, String slot, String day, String windowStart, String windowEnd,
                            String node, String village, String senderKind, String household, String carriesKind, String carriesRef,
                            long weightGrams, int parcels, boolean cold, long priceFen, long subsidyFen, String carrier, Instant bookedAt)
        implements PublishedEvent {

    public static BookingPlaced of(Booking booking, Slot slot) {
        return new BookingPlaced(booking.county().value(), booking.id().toString(), booking.direction().name(), slot.id().toString(),
                slot.day().toString(), slot.windowStart().toString(), slot.windowEnd().toString(), booking.node().toString(),
                booking.village() == null ? null : booking.village().value(), booking.senderKind().name(),
                booking.household() == null ? null : booking.household().toString(), booking.carriesKind().name(), booking.carriesRef(),
                booking.weightGrams(), booking.parcels(), booking.cold(), booking.priceFen(), booking.subsidyFen(),
                booking.carrier() == null ? null : booking.carrier().toString(), booking.bookedAt());
    }

    @Override
    public String subject() {
        return booking;
    }
}
