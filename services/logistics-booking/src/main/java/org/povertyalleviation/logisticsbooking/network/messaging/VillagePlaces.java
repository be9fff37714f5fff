package org.povertyalleviation.logisticsbooking.network.messaging;

import java.math.BigDecimal;
import java.util.function.Consumer;

import org.povertyalleviation.logisticsbooking.network.Network;
import org.povertyalleviation.logisticsbooking.network.domain.Place;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/** Keeps where the county registry placed each village (village.registered.v1), for the network's coverage. */
@Configuration(proxyBeanMethods = false)
class VillagePlaces {

    /** The fields of village.registered.v1 this service reads; a village without coordinates changes nothing. */
    record VillageRegistered(String county, String village, BigDecimal latitude, BigDecimal longitude) {
    }

    @Bean
    Consumer<Message<byte[]>> villageCoordinates(EventListeners listeners, EventCodec codec, Network network) {
        return listeners.idempotent("village-places", event -> {
            if (!event.type().equals("village.registered.v1")) {
                return Mono.empty();
            }
            VillageRegistered registered = codec.data(event, VillageRegistered.class);
            if (registered.county() == null || !event.county().equals(registered.county()) || registered.village() == null
                    || !registered.village().matches(registered.county() + "\\d{6}")) {
                throw new MalformedEventException("village.registered.v1 " + event.id() + " names no village of its county", null);
            }
            if (registered.latitude() == null || registered.longitude() == null) {
                return Mono.empty();
            }
            Place place;
            try {
                place = new Place(registered.latitude(), registered.longitude());
            } catch (InvalidValueException e) {
                throw new MalformedEventException("village.registered.v1 " + event.id() + " places its village off the globe", e);
            }
            return network.villagePlaced(registered.county(), registered.village(), place);
        });
    }
}
