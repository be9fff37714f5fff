package org.povertyalleviation.householdregistry.earlywarning.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the catalogued example of shop.status-changed.v1. */
class DormantShopConsumerTest {

    @Test
    void the_catalogued_example_fits_the_fields_this_service_reads() throws Exception {
        EventCodec codec = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        EventEnvelope event = codec.read(Files.readAllBytes(Path.of("../../docs/events/shop.status-changed.v1.example.json")));

        DormantShopConsumer.ShopStatusChanged changed = codec.data(event, DormantShopConsumer.ShopStatusChanged.class);

        assertThat(event.type()).isEqualTo(DormantShopConsumer.TYPE);
        assertThat(changed).isEqualTo(new DormantShopConsumer.ShopStatusChanged("621222", "e4b7c2d9-5a1f-4c8e-9b36-7d0a2f5e8c14",
                DormantShopConsumer.DORMANT, List.of("7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37", "7fa508d4-178f-4038-93ba-aa5fc4ebe485")));
        assertThat(changed.county()).isEqualTo(event.county());
        assertThat(changed.shop()).isEqualTo(event.subject());
    }
}
