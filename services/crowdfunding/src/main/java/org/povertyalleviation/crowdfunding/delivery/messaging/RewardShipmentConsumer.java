package org.povertyalleviation.crowdfunding.delivery.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Consumer;

import org.povertyalleviation.crowdfunding.delivery.Deliveries;
import org.povertyalleviation.crowdfunding.delivery.domain.ShipmentState;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/**
 * Follows the rewards' shipments on the logistics service's events (logistics.events): a booking placed for a
 * crowdfunding reward is linked to its pledge (its carriesRef) if the dispatch never heard the answer, and each state
 * change is kept with when it happened. Bookings carrying anything else are not this service's.
 */
@Configuration(proxyBeanMethods = false)
class RewardShipmentConsumer {

    static final String PLACED = "logistics.booking-placed.v1";
    static final String MOVED = "logistics.shipment-state-changed.v1";
    static final String REWARD = "CROWDFUNDING_REWARD";

    /** The fields of logistics.booking-placed.v1 this service reads. */
    record BookingPlaced(String county, String booking, String carriesKind, String carriesRef, String bookedAt) {
    }

    /** The fields of logistics.shipment-state-changed.v1 this service reads. */
    record ShipmentStateChanged(String county, String booking, String state, String occurredAt, String carriesKind, String carriesRef) {
    }

    @Bean
    Consumer<Message<byte[]>> rewardShipments(EventListeners listeners, EventCodec codec, Deliveries deliveries) {
        return listeners.idempotent("reward-shipments", event -> {
            if (event.type().equals(PLACED)) {
                BookingPlaced placed = codec.data(event, BookingPlaced.class);
                if (!REWARD.equals(placed.carriesKind())) {
                    return Mono.empty();
                }
                requireCounty(event.county(), placed.county(), event.id());
                return deliveries.bookingPlaced(CountyCode.of(placed.county()), uuid(placed.booking(), event.id()), uuid(placed.carriesRef(), event.id()),
                        instant(placed.bookedAt(), event.id()));
            }
            if (event.type().equals(MOVED)) {
                ShipmentStateChanged moved = codec.data(event, ShipmentStateChanged.class);
                if (!REWARD.equals(moved.carriesKind())) {
                    return Mono.empty();
                }
                requireCounty(event.county(), moved.county(), event.id());
                ShipmentState state;
                try {
                    state = ShipmentState.valueOf(moved.state());
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new MalformedEventException(MOVED + " " + event.id() + " names no shipment state this service knows: " + moved.state(), e);
                }
                return deliveries.shipmentMoved(CountyCode.of(moved.county()), uuid(moved.booking(), event.id()), uuid(moved.carriesRef(), event.id()),
                        state, instant(moved.occurredAt(), event.id()));
            }
            return Mono.empty();
        });
    }

    private static void requireCounty(String eventCounty, String dataCounty, String id) {
        if (dataCounty == null || !dataCounty.equals(eventCounty)) {
            throw new MalformedEventException("Logistics event " + id + " names county " + dataCounty + " in an event of county " + eventCounty, null);
        }
    }

    private static UUID uuid(String value, String id) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("Logistics event " + id + " carries no reward's pledge id or booking id: " + value, e);
        }
    }

    private static Instant instant(String value, String id) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new MalformedEventException("Logistics event " + id + " has no valid time: " + value, e);
        }
    }
}
