package org.povertyalleviation.platform.counties;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own records read the producer's catalogued examples (docs/events/). */
class CountyCopyTest {

    static final EventCodec CODEC = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void the_county_joined_example_fits_the_fields_this_service_reads() throws Exception {
        EventEnvelope event = CODEC.read(Files.readAllBytes(Path.of("../../docs/events/county.joined.v1.example.json")));
        assertThat(CODEC.data(event, CountyCopy.CountyJoined.class)).isEqualTo(new CountyCopy.CountyJoined("621222", "文县"));
    }

    @Test
    void the_village_registered_example_fits_the_fields_this_service_reads() throws Exception {
        EventEnvelope event = CODEC.read(Files.readAllBytes(Path.of("../../docs/events/village.registered.v1.example.json")));
        assertThat(CODEC.data(event, CountyCopy.VillageRegistered.class))
                .isEqualTo(new CountyCopy.VillageRegistered("621222", "621222101201", "621222101", "上坝村", true));
    }
}
