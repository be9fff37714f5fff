package org.povertyalleviation.logisticsbooking.booking.messaging;

import java.util.UUID;
import java.util.function.Consumer;

import org.povertyalleviation.logisticsbooking.booking.Bookings;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/**
 * Which households are registered (household.registered.v1, household.removed.v1): a registered poor household's
 * shipments get the county's shipping subsidy.
 */
@Configuration(proxyBeanMethods = false)
class RegisteredHouseholds {

    /** The fields of household.registered.v1 and household.removed.v1 this service reads. */
    record HouseholdChange(String county, String household, String village) {
    }

    @Bean
    Consumer<Message<byte[]>> householdChanges(EventListeners listeners, EventCodec codec, Bookings bookings) {
        return listeners.idempotent("registered-households", event -> switch (event.type()) {
            case "household.registered.v1" -> {
                HouseholdChange change = codec.data(event, HouseholdChange.class);
                if (change.village() == null || !change.village().matches(event.county() + "\\d{6}")) {
                    throw new MalformedEventException("household.registered.v1 " + event.id() + " names no village of its county", null);
                }
                yield bookings.householdRegistered(event.county(), household(event, change), change.village());
            }
            case "household.removed.v1" -> bookings.householdRemoved(event.county(), household(event, codec.data(event, HouseholdChange.class)));
            default -> Mono.empty();
        });
    }

    private static UUID household(EventEnvelope event, HouseholdChange change) {
        if (!event.county().equals(change.county())) {
            throw new MalformedEventException(event.type() + " " + event.id() + " is of county " + change.county() + " in an envelope of " + event.county(), null);
        }
        try {
            return UUID.fromString(change.household());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no valid household id", e);
        }
    }
}
