package org.povertyalleviation.householdregistry.income.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.income.domain.IncomeSource;
import org.povertyalleviation.householdregistry.income.messaging.PaidIncomeConsumers.HouseholdIncomeEarned;
import org.povertyalleviation.householdregistry.income.messaging.PaidIncomeConsumers.Payer;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The consumers' own record and each payer's row read the catalogued example of that payer's event. */
class PaidIncomeConsumersTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void the_supply_platforms_catalogued_example_fits_the_fields_this_service_reads() {
        HouseholdIncomeEarned earned = exampleOf(PaidIncomeConsumers.SUPPLY, IncomeSource.ORDER_PREMIUM);

        assertThat(earned.origin()).startsWith("delivery:");
    }

    @Test
    void the_crowdfunding_catalogued_example_fits_the_fields_this_service_reads() {
        HouseholdIncomeEarned earned = exampleOf(PaidIncomeConsumers.CROWDFUNDING, IncomeSource.CROWDFUNDING);

        assertThat(earned.origin()).startsWith("project:").endsWith(":" + earned.household());
    }

    private HouseholdIncomeEarned exampleOf(Payer payer, IncomeSource source) {
        EventEnvelope event = codec.read(EventCatalogue.example(payer.type()).getBytes(StandardCharsets.UTF_8));

        HouseholdIncomeEarned earned = codec.data(event, HouseholdIncomeEarned.class);

        assertThat(event.type()).isEqualTo(payer.type());
        assertThat(earned.county()).isEqualTo(event.county());
        assertThat(earned.household()).isEqualTo(event.subject());
        assertThat(earned.source()).isEqualTo(source.name());
        assertThat(payer.sources()).contains(source);
        assertThat(payer.origin().matcher(earned.origin())).matches();
        assertThat(earned.month()).matches("\\d{4}-\\d{2}");
        assertThat(earned.amountFen()).isPositive();
        assertThat(earned.revision()).isEqualTo(1);
        return earned;
    }
}
