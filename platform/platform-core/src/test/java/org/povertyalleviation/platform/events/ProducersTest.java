package org.povertyalleviation.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import tools.jackson.databind.json.JsonMapper;

class ProducersTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().build());

    @Test
    void the_table_consumers_check_is_the_catalogues_table_and_every_schema_names_the_same_producer() throws Exception {
        Map<String, String> catalogue = new LinkedHashMap<>();
        EventCatalogue.entries().forEach(entry -> catalogue.put(entry.type(), entry.producer()));

        assertThat(Producers.CATALOGUE.asMap()).as("producers.properties against docs/events/README.md")
                .containsExactlyInAnyOrderEntriesOf(catalogue);
        Pattern named = Pattern.compile("\\(producer: ([a-z0-9-]+)[);]");
        for (var entry : catalogue.entrySet()) {
            String schema = Files.readString(EventCatalogue.directory().resolve(entry.getKey() + ".schema.json"));
            Matcher producer = named.matcher(schema);
            assertThat(producer.find()).as("%s.schema.json names its producer", entry.getKey()).isTrue();
            assertThat(producer.group(1)).as("%s.schema.json's producer", entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void every_example_of_the_catalogue_is_read_as_it_comes_from_its_producer() {
        for (EventCatalogue.Entry entry : EventCatalogue.entries()) {
            EventEnvelope event = codec.read(EventCatalogue.example(entry.type()).getBytes());
            assertThat(event.source()).as(entry.type()).isEqualTo("/services/" + entry.producer());
        }
    }

    @Test
    void an_income_event_from_anyone_but_its_producer_is_malformed() {
        String example = EventCatalogue.example("shop.household-income-earned.v1");
        byte[] forged = example.replace("\"/services/shop-management\"", "\"/services/training\"").getBytes();

        assertThatThrownBy(() -> codec.read(forged)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("claims to come from /services/training")
                .hasMessageContaining("only /services/shop-management produces shop.household-income-earned.v1");
    }

    @Test
    void a_county_suspension_in_a_neighbours_name_is_malformed_even_with_a_source_that_differs_only_in_its_ending() {
        String example = EventCatalogue.example("county.suspended.v1");
        byte[] lookalike = example.replace("\"/services/county-registry\"", "\"/services/county-registry/\"").getBytes();

        assertThatThrownBy(() -> codec.read(lookalike)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void a_type_the_catalogue_does_not_declare_passes_so_that_a_newer_producers_type_does_not_dead_letter() {
        EventEnvelope event = EventEnvelope.create("/services/sample", "shipment.registered.v1",
                org.povertyalleviation.platform.domain.CountyCode.of("621222"), "s-1", JsonMapper.builder().build().valueToTree(Map.of("a", 1)));

        assertThat(codec.read(codec.write(event).getBytes())).isEqualTo(event);
        assertThat(Producers.CATALOGUE.producerOf("shipment.registered.v1")).isEmpty();
        assertThat(Producers.CATALOGUE.producerOf("household.registered.v1")).contains("household-registry");
    }
}
