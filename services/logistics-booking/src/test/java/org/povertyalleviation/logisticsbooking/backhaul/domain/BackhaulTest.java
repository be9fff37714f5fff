package org.povertyalleviation.logisticsbooking.backhaul.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.logisticsbooking.booking.domain.CarriesKind;
import org.povertyalleviation.logisticsbooking.booking.domain.SenderKind;
import org.povertyalleviation.logisticsbooking.booking.domain.Slot;
import org.povertyalleviation.logisticsbooking.booking.domain.SlotKind;
import org.povertyalleviation.logisticsbooking.booking.domain.Tariff;
import org.povertyalleviation.logisticsbooking.carrier.domain.Vehicle;
import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import org.povertyalleviation.logisticsbooking.network.domain.Leg;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;
import org.povertyalleviation.logisticsbooking.network.domain.OperatorKind;
import org.povertyalleviation.logisticsbooking.network.domain.Place;
import org.povertyalleviation.platform.domain.CountyCode;

class BackhaulTest {

    private static final CountyCode WEN = CountyCode.of("621222");
    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 9);

    private final Node park = Node.add(WEN, NodeLevel.COUNTY_PARK, "园", null, null, null, "城关", Place.of(32.95, 104.68), "全天", OperatorKind.COUNTY,
            "县", true, NOW);
    private final Node station = Node.add(WEN, NodeLevel.TOWNSHIP_STATION, "站", park.id(), "621222101", null, "镇", Place.of(33.0, 104.7), "08-18",
            OperatorKind.CARRIER, "邮政", false, NOW);
    private final Node post = Node.add(WEN, NodeLevel.VILLAGE_POST, "村站", station.id(), null, "621222101201", "村", Place.of(33.05, 104.75), "08-18",
            OperatorKind.VILLAGE_AGENT, "超市", false, NOW);
    private final DriveTimes roads = DriveTimes.over(List.of(park.stop(), station.stop(), post.stop()),
            List.of(Leg.add(WEN, park.id(), station.id(), 42_000, 70).road()));

    private Booking booking(SlotKind kind, long grams) {
        Slot slot = Slot.open(WEN, post.id(), DAY, kind, LocalTime.of(9, 0), LocalTime.of(11, 0), 10_000, 1_000, false, null, NOW);
        return Booking.book(WEN, slot, post.village(), SenderKind.SHOP, "s", null, false, "王", grams, 1, false, 0, CarriesKind.GOODS, null,
                new Tariff.Price(0, 0), "clerk", null, NOW);
    }

    private Vehicle truck(String plate, int kg) {
        return Vehicle.register(WEN, UUID.randomUUID(), plate, kg, 100, false, Set.of(DayOfWeek.WEDNESDAY), park.id());
    }

    @Test
    void pickups_ride_back_on_the_runs_that_brought_goods_down() {
        Booking down = booking(SlotKind.DELIVERY, 600_000);
        Booking bigUp = booking(SlotKind.PICKUP, 500_000);
        Booking smallUp = booking(SlotKind.PICKUP, 300_000);
        Backhaul.Result result = Backhaul.match(List.of(park, station, post), roads, List.of(truck("甘K·00001", 600)), List.of(down, bigUp, smallUp));

        Backhaul.Township township = result.townships().get(0);
        assertThat(township.runs()).hasSize(1);
        assertThat(township.upMatched()).containsExactly(bigUp.id());
        assertThat(township.upUnmatched()).containsExactly(smallUp.id());
        assertThat(township.emptyMetresSaved()).isEqualTo(42_000);
        assertThat(result.emptyMetresSaved()).isEqualTo(42_000);
    }

    @Test
    void without_downlink_runs_nothing_rides_back_and_nothing_is_saved() {
        Booking up = booking(SlotKind.PICKUP, 100_000);
        Backhaul.Result result = Backhaul.match(List.of(park, station, post), roads, List.of(truck("甘K·00001", 600)), List.of(up));
        assertThat(result.townships().get(0).upUnmatched()).containsExactly(up.id());
        assertThat(result.emptyMetresSaved()).isZero();
        // Goods too heavy for every vehicle stay unloaded, and say so.
        Booking tooHeavy = booking(SlotKind.DELIVERY, 700_000);
        assertThat(Backhaul.match(List.of(park, station, post), roads, List.of(truck("甘K·00001", 600)), List.of(tooHeavy)).townships().get(0)
                .downUnloaded()).containsExactly(tooHeavy.id());
    }
}
