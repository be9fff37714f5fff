package org.povertyalleviation.platform.households;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The copy's own record reads the household registry's catalogued examples (docs/events/). */
class HouseholdCopyTest {

    private static final EventCodec CODEC = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void the_registered_example_gives_the_household_its_file_village_and_status() throws Exception {
        HouseholdCopy.HouseholdChanged changed = read("household.registered.v1");
        assertThat(changed.county()).isEqualTo("621222");
        assertThat(changed.household()).isNotBlank();
        assertThat(changed.fileNumber()).isNotBlank();
        assertThat(changed.village()).startsWith("621222");
        assertThat(changed.status()).isEqualTo("REGISTERED");
    }

    @Test
    void every_status_event_names_the_household_and_its_county() throws Exception {
        for (String type : new String[] {"household.updated.v1", "household.lifted.v1", "household.at-risk.v1", "household.returned.v1",
                "household.removed.v1"}) {
            HouseholdCopy.HouseholdChanged changed = read(type);
            assertThat(changed.county()).as(type).isEqualTo("621222");
            assertThat(changed.household()).as(type).isNotBlank();
            if (!type.equals("household.removed.v1")) {
                assertThat(changed.village()).as(type).startsWith("621222");
            }
        }
    }

    private static HouseholdCopy.HouseholdChanged read(String type) throws Exception {
        EventEnvelope event = CODEC.read(Files.readAllBytes(Path.of("../../docs/events/" + type + ".example.json")));
        assertThat(event.type()).isEqualTo(type);
        return CODEC.data(event, HouseholdCopy.HouseholdChanged.class);
    }
}
