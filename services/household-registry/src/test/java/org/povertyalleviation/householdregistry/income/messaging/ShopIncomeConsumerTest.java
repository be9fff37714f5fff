package org.povertyalleviation.householdregistry.income.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the catalogued example of shop.household-income-earned.v1. */
class ShopIncomeConsumerTest {

    @Test
    void the_catalogued_example_fits_the_fields_this_service_reads() throws Exception {
        EventCodec codec = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        EventEnvelope event = codec.read(Files.readAllBytes(Path.of("../../docs/events/shop.household-income-earned.v1.example.json")));

        ShopIncomeConsumer.HouseholdIncomeEarned earned = codec.data(event, ShopIncomeConsumer.HouseholdIncomeEarned.class);

        assertThat(event.type()).isEqualTo(ShopIncomeConsumer.TYPE);
        assertThat(earned.county()).isEqualTo(event.county());
        assertThat(earned.shop()).isEqualTo(event.subject());
        assertThat(earned.household()).matches("[0-9a-f-]{36}");
        assertThat(earned.month()).matches("\\d{4}-\\d{2}");
        assertThat(earned.amountFen()).isPositive();
        assertThat(earned.revision()).isPositive();
    }
}
