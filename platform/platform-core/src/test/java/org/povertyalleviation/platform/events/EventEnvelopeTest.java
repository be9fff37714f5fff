package org.povertyalleviation.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventEnvelopeTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventCodec codec = new EventCodec(json);
    private final JsonNode data = json.valueToTree(Map.of("product", "walnut"));

    @Test
    void a_new_event_has_a_fresh_id_and_is_keyed_by_county_and_aggregate() {
        EventEnvelope event = EventEnvelope.create("/services/sample", "shipment.registered.v1", CountyCode.of("621222"), "s-1", data);

        assertThat(event.id()).isNotEqualTo(EventEnvelope.create("/services/sample", "shipment.registered.v1",
                CountyCode.of("621222"), "s-1", data).id());
        assertThat(event.partitionKey()).isEqualTo("621222:s-1");
        assertThat(codec.read(codec.write(event).getBytes())).isEqualTo(event);
    }

    @Test
    void the_catalogue_example_parses() throws Exception {
        EventEnvelope example = codec.read(Files.readAllBytes(Path.of("../../docs/events/envelope.example.json")));

        assertThat(example.type()).isEqualTo("household.registered.v1");
        assertThat(example.county()).isEqualTo("621222");
    }

    @Test
    void type_names_must_be_versioned_and_dotted() {
        for (String bad : new String[] {"HouseholdRegistered", "household.registered", "household.registered.v0", "household.v1"}) {
            assertThatIllegalArgumentException().isThrownBy(() ->
                    EventEnvelope.create("/services/sample", bad, CountyCode.of("621222"), "s-1", data));
        }
    }

    @Test
    void an_envelope_with_a_non_uuid_id_or_a_bad_county_is_malformed() {
        String valid = codec.write(EventEnvelope.create("/services/sample", "shipment.registered.v1", CountyCode.of("621222"), "s-1", data));

        assertThatMalformed(valid.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"not-a-uuid\""));
        assertThatMalformed(valid.replace("\"county\":\"621222\"", "\"county\":\"621200\""));
        assertThatMalformed("{\"hello\":\"world\"}");
        assertThatMalformed("not json");
    }

    private void assertThatMalformed(String text) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.read(text.getBytes()))
                .isInstanceOf(MalformedEventException.class);
    }
}
