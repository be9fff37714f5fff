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

    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final EventCodec CODEC = new EventCodec(JSON);

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

    @Test
    void a_batch_folds_each_households_events_into_what_applying_them_one_by_one_leaves() {
        String first = "3f1c2b8e-6a9d-4e51-9c3a-0d5b7e2f4a61";
        String second = "7b2e9d41-0c6f-4a83-b5d2-91e8f3a6c704";
        java.util.List<EventEnvelope> events = java.util.List.of(
                event("household.registered.v1", first, "REGISTERED"),
                event("household.removed.v1", second, null),
                event("household.lifted.v1", first, "REGISTERED"),
                event("household.registered.v1", second, "REGISTERED"),
                event("household.removed.v1", first, null),
                event("household.updated.v1", first, "LIFTED"));

        java.util.List<HouseholdCopy.Fold> folds = HouseholdCopy.fold(CODEC, events);

        assertThat(folds).extracting(fold -> fold.id().toString()).containsExactly(first, second);
        HouseholdCopy.Fold one = folds.get(0);
        assertThat(one.removedBefore()).isFalse();
        assertThat(one.upsert().status()).as("the last event's fields").isEqualTo("LIFTED");
        assertThat(one.removedAfter()).as("removed after its first upsert: the mark stays").isTrue();
        HouseholdCopy.Fold two = folds.get(1);
        assertThat(two.removedBefore()).as("a removal before the upsert applies to the row as it was").isTrue();
        assertThat(two.upsert().status()).isEqualTo("REGISTERED");
        assertThat(two.removedAfter()).isFalse();
    }

    @Test
    void an_event_without_a_village_of_its_county_is_malformed() {
        EventEnvelope event = EventEnvelope.create("/services/household-registry", "household.updated.v1",
                org.povertyalleviation.platform.domain.CountyCode.of("621222"), "3f1c2b8e-6a9d-4e51-9c3a-0d5b7e2f4a61",
                JSON.valueToTree(java.util.Map.of("county", "621222", "household", "3f1c2b8e-6a9d-4e51-9c3a-0d5b7e2f4a61",
                        "fileNumber", "F-1", "village", "621224001001", "status", "REGISTERED")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HouseholdCopy.fold(CODEC, java.util.List.of(event)))
                .isInstanceOf(org.povertyalleviation.platform.events.MalformedEventException.class);
    }

    private static EventEnvelope event(String type, String household, String status) {
        java.util.Map<String, Object> data = new java.util.HashMap<>(java.util.Map.of("county", "621222", "household", household,
                "fileNumber", "F-" + household.substring(0, 4), "village", "621222101001"));
        if (status != null) {
            data.put("status", status);
        }
        return EventEnvelope.create("/services/household-registry", type, org.povertyalleviation.platform.domain.CountyCode.of("621222"),
                household, JSON.valueToTree(data));
    }

    private static HouseholdCopy.HouseholdChanged read(String type) throws Exception {
        EventEnvelope event = CODEC.read(Files.readAllBytes(Path.of("../../docs/events/" + type + ".example.json")));
        assertThat(event.type()).isEqualTo(type);
        return CODEC.data(event, HouseholdCopy.HouseholdChanged.class);
    }
}
