package org.povertyalleviation.logisticsbooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.logisticsbooking.Refusals.refusedField;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

class BookingTest {

    private static final CountyCode WEN = CountyCode.of("621222");
    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
    private static final LocalDate TOMORROW = NOW.atZone(ChinaTime.ZONE).toLocalDate().plusDays(1);

    private final Slot slot = Slot.open(WEN, UUID.randomUUID(), TOMORROW, SlotKind.PICKUP, LocalTime.of(9, 0), LocalTime.of(11, 0), 100, 10, false, null, NOW);

    private Booking booked() {
        return Booking.book(WEN, slot, null, SenderKind.COOPERATIVE, "合作社-01", null, false, "王建国", 12_000, 2, false, 0, CarriesKind.GOODS, null,
                new Tariff.Price(500, 0), "clerk", null, NOW);
    }

    private static TrackingUpdate report(String id, ShipmentState state, String reason) {
        return new TrackingUpdate(UUID.randomUUID(), id, state, NOW, null, reason, state == ShipmentState.DELIVERED ? "李秀英" : null, null, "carrier",
                NOW, false);
    }

    @Test
    void a_shipment_moves_one_step_at_a_time_and_a_skip_needs_a_reason() {
        Booking booking = booked();
        Booking.Tracked picked = booking.track(report("1", ShipmentState.PICKED_UP, null));
        assertThat(picked.update().advanced()).isTrue();
        assertThat(picked.booking().state()).isEqualTo(ShipmentState.PICKED_UP);

        assertThat(refusedField(() -> picked.booking().track(report("2", ShipmentState.HANDED_TO_CARRIER, null)))).isEqualTo("reason");
        Booking.Tracked skipped = picked.booking().track(report("2", ShipmentState.HANDED_TO_CARRIER, "站点断网"));
        assertThat(skipped.booking().state()).isEqualTo(ShipmentState.HANDED_TO_CARRIER);

        // The skipped steps arrive late: kept, not moving it back.
        Booking.Tracked late = skipped.booking().track(report("3", ShipmentState.AT_TOWNSHIP, null));
        assertThat(late.update().advanced()).isFalse();
        assertThat(late.booking()).isEqualTo(skipped.booking());
    }

    @Test
    void a_failure_keeps_the_progress_and_the_next_step_resumes_it() {
        Booking atTownship = booked().track(report("1", ShipmentState.PICKED_UP, null)).booking().track(report("2", ShipmentState.AT_TOWNSHIP, null))
                .booking();
        assertThat(refusedField(() -> report("3", ShipmentState.FAILED, null))).isEqualTo("reason");
        Booking failed = atTownship.track(report("3", ShipmentState.FAILED, "山路塌方")).booking();
        assertThat(failed.state()).isEqualTo(ShipmentState.FAILED);
        assertThat(failed.progress()).isEqualTo(atTownship.progress());
        assertThat(failed.track(report("4", ShipmentState.AT_COUNTY_PARK, null)).booking().state()).isEqualTo(ShipmentState.AT_COUNTY_PARK);
    }

    @Test
    void a_closed_shipment_moves_no_more_and_only_a_booked_one_is_cancelled_or_moved() {
        Booking delivered = booked().track(report("1", ShipmentState.DELIVERED, "承运商直接签收")).booking();
        assertThat(delivered.state()).isEqualTo(ShipmentState.DELIVERED);
        RuleRefusedException closed = (RuleRefusedException) org.assertj.core.api.Assertions.catchThrowable(
                () -> delivered.track(report("2", ShipmentState.RETURNED, "拒收")));
        assertThat(closed.rule()).isEqualTo("shipment-closed");
        assertThat(delivered.track(report("3", ShipmentState.AT_TOWNSHIP, null)).update().advanced()).isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> delivered.cancel(NOW))).isInstanceOf(RuleRefusedException.class);

        Booking cancelled = booked().cancel(NOW);
        assertThat(cancelled.state()).isEqualTo(ShipmentState.CANCELLED);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cancelled.track(report("1", ShipmentState.PICKED_UP, null))))
                .isInstanceOf(RuleRefusedException.class);
        assertThat(refusedField(() -> booked().track(report("1", ShipmentState.AT_VILLAGE_POST, null)))).isEqualTo("state");
        assertThat(refusedField(() -> report("1", ShipmentState.CANCELLED, null))).isEqualTo("state");
    }

    @Test
    void a_booking_fits_its_window_and_its_cold_chain() {
        assertThat(refusedField(() -> Booking.book(WEN, slot, null, SenderKind.SHOP, "s", null, false, "王", 100_001, 1, false, 0, CarriesKind.GOODS, null,
                new Tariff.Price(0, 0), "clerk", null, NOW))).isEqualTo("weightKg");
        assertThat(refusedField(() -> Booking.book(WEN, slot, null, SenderKind.SHOP, "s", null, false, "王", 1, 11, false, 0, CarriesKind.GOODS, null,
                new Tariff.Price(0, 0), "clerk", null, NOW))).isEqualTo("parcels");
        assertThat(refusedField(() -> Booking.book(WEN, slot, null, SenderKind.SHOP, "s", null, false, "王", 1, 1, true, 0, CarriesKind.GOODS, null,
                new Tariff.Price(0, 0), "clerk", null, NOW))).isEqualTo("cold");
        assertThat(refusedField(() -> Booking.book(WEN, slot, null, SenderKind.SHOP, "s", null, false, "王", 1, 1, false, 0, CarriesKind.GOODS, null,
                new Tariff.Price(0, 0), "clerk", null, slot.closesAt()))).isEqualTo("slot");
        assertThat(refusedField(() -> Slot.open(WEN, UUID.randomUUID(), TOMORROW.minusDays(2), SlotKind.PICKUP, LocalTime.of(9, 0), LocalTime.of(11, 0),
                1, 1, false, null, NOW))).isEqualTo("day");
        assertThat(Booking.mask("王建国")).isEqualTo("王**");
        assertThat(Booking.mask("欧阳")).isEqualTo("欧*");
    }
}
