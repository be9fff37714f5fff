package org.povertyalleviation.logisticsbooking.booking.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the producers' catalogued examples. */
class RegisteredHouseholdsTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().build());

    @Test
    void the_trimmed_record_reads_the_registrys_examples() {
        for (String type : java.util.List.of("household.registered.v1", "household.removed.v1")) {
            EventEnvelope event = codec.read(EventCatalogue.example(type).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            RegisteredHouseholds.HouseholdChange change = codec.data(event, RegisteredHouseholds.HouseholdChange.class);
            assertThat(change.county()).isEqualTo(event.county());
            assertThat(change.household()).isEqualTo(event.subject());
        }
        EventEnvelope registered = codec.read(EventCatalogue.example("household.registered.v1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(codec.data(registered, RegisteredHouseholds.HouseholdChange.class).village()).startsWith(registered.county()).hasSize(12);
    }
}
