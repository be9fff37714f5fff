package org.povertyalleviation.householdregistry.income.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the catalogued example of subsidy.paid.v1. */
class SubsidyIncomeConsumerTest {

    @Test
    void the_catalogued_example_fits_the_fields_this_service_reads() throws Exception {
        EventCodec codec = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        EventEnvelope event = codec.read(Files.readAllBytes(Path.of("../../docs/events/subsidy.paid.v1.example.json")));

        SubsidyIncomeConsumer.SubsidyPaid paid = codec.data(event, SubsidyIncomeConsumer.SubsidyPaid.class);

        assertThat(event.type()).isEqualTo(SubsidyIncomeConsumer.TYPE);
        assertThat(paid).isEqualTo(new SubsidyIncomeConsumer.SubsidyPaid("621222", "a22119a7-9ecb-466c-8141-20a53d56f890",
                "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37", "2026-05", 1_000_000L, "WXCZ-2026-0417"));
        assertThat(paid.county()).isEqualTo(event.county());
        assertThat(paid.subsidy()).isEqualTo(event.subject());
    }
}
