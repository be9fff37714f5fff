package org.povertyalleviation.logisticsbooking.network.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the county registry's catalogued example, coordinates included. */
class VillagePlacesTest {

    @Test
    void the_trimmed_record_reads_the_registrys_example() {
        EventCodec codec = new EventCodec(JsonMapper.builder().build());
        EventEnvelope event = codec.read(EventCatalogue.example("village.registered.v1").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        VillagePlaces.VillageRegistered registered = codec.data(event, VillagePlaces.VillageRegistered.class);

        assertThat(registered.village()).isEqualTo(event.subject()).startsWith(registered.county());
        assertThat(registered.latitude()).isNotNull();
        assertThat(registered.longitude()).isNotNull();
    }
}
