package org.povertyalleviation.servicetemplate.notice.messaging;

import java.util.UUID;
import java.util.function.Consumer;

import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.povertyalleviation.servicetemplate.notice.Notices;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/** Counts each village's registered households from the household registry's household.registered.v1. */
@Configuration(proxyBeanMethods = false)
class VillageHouseholds {

    /** The fields of household.registered.v1 this service reads, and nothing more. */
    record HouseholdRegistered(String county, String household, String village) {
    }

    @Bean
    Consumer<Message<byte[]>> householdRegistered(EventListeners listeners, EventCodec codec, Notices notices) {
        return listeners.idempotent("village-households", event -> {
            if (!event.type().equals("household.registered.v1")) {
                return Mono.empty();
            }
            HouseholdRegistered registered = codec.data(event, HouseholdRegistered.class);
            if (!event.county().equals(registered.county()) || registered.village() == null
                    || !registered.village().startsWith(registered.county())) {
                throw new MalformedEventException("household.registered.v1 " + event.id() + " names no village of its county", null);
            }
            UUID household;
            try {
                household = UUID.fromString(registered.household());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new MalformedEventException("household.registered.v1 " + event.id() + " has no valid household id", e);
            }
            return notices.householdRegistered(registered.county(), household, registered.village());
        });
    }
}
