package org.povertyalleviation.crowdfunding.delivery.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.delivery.domain.ShipmentState;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own records read the catalogued examples of the logistics service's events. */
class RewardShipmentConsumerTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void the_booking_placed_example_fits_the_fields_this_service_reads() throws Exception {
        EventEnvelope event = codec.read(Files.readAllBytes(Path.of("../../docs/events/logistics.booking-placed.v1.example.json")));

        RewardShipmentConsumer.BookingPlaced placed = codec.data(event, RewardShipmentConsumer.BookingPlaced.class);

        assertThat(event.type()).isEqualTo(RewardShipmentConsumer.PLACED);
        assertThat(placed.county()).isEqualTo(event.county());
        assertThat(placed.booking()).isEqualTo(event.subject());
        assertThat(placed.carriesKind()).isNotBlank();
        assertThat(placed.carriesRef()).isNotBlank();
        assertThat(Instant.parse(placed.bookedAt())).isNotNull();
    }

    @Test
    void the_shipment_state_changed_example_fits_the_fields_this_service_reads() throws Exception {
        EventEnvelope event = codec.read(Files.readAllBytes(Path.of("../../docs/events/logistics.shipment-state-changed.v1.example.json")));

        RewardShipmentConsumer.ShipmentStateChanged moved = codec.data(event, RewardShipmentConsumer.ShipmentStateChanged.class);

        assertThat(event.type()).isEqualTo(RewardShipmentConsumer.MOVED);
        assertThat(moved.county()).isEqualTo(event.county());
        assertThat(moved.booking()).isEqualTo(event.subject());
        assertThat(ShipmentState.valueOf(moved.state())).isEqualTo(ShipmentState.PICKED_UP);
        assertThat(Instant.parse(moved.occurredAt())).isNotNull();
        assertThat(moved.carriesKind()).isNotBlank();
    }
}
