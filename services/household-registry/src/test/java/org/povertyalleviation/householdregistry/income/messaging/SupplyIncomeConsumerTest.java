package org.povertyalleviation.householdregistry.income.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the catalogued example of supply.household-income-earned.v1. */
class SupplyIncomeConsumerTest {

    @Test
    void the_catalogued_example_fits_the_fields_this_service_reads() throws Exception {
        EventCodec codec = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        EventEnvelope event = codec.read(Files.readAllBytes(Path.of("../../docs/events/supply.household-income-earned.v1.example.json")));

        SupplyIncomeConsumer.SupplyIncomeEarned earned = codec.data(event, SupplyIncomeConsumer.SupplyIncomeEarned.class);

        assertThat(event.type()).isEqualTo(SupplyIncomeConsumer.TYPE);
        assertThat(earned.county()).isEqualTo(event.county());
        assertThat(earned.household()).isEqualTo(event.subject());
        assertThat(earned.source()).isEqualTo("ORDER_PREMIUM");
        assertThat(earned.origin()).startsWith("delivery:");
        assertThat(earned.month()).matches("\\d{4}-\\d{2}");
        assertThat(earned.amountFen()).isPositive();
        assertThat(earned.revision()).isEqualTo(1);
    }
}
