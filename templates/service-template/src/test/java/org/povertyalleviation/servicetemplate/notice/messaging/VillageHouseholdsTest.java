package org.povertyalleviation.servicetemplate.notice.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the producer's catalogued example. */
class VillageHouseholdsTest {

    @Test
    void the_trimmed_record_reads_the_registrys_example() {
        EventCodec codec = new EventCodec(JsonMapper.builder().build());
        EventEnvelope event = codec.read(EventCatalogue.example("household.registered.v1").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        VillageHouseholds.HouseholdRegistered registered = codec.data(event, VillageHouseholds.HouseholdRegistered.class);

        assertThat(registered.county()).isEqualTo(event.county());
        assertThat(registered.village()).startsWith(event.county()).hasSize(12);
        assertThat(registered.household()).isEqualTo(event.subject());
    }
}
