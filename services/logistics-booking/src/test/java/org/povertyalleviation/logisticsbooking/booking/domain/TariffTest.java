package org.povertyalleviation.logisticsbooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.logisticsbooking.Refusals.refusedField;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;

class TariffTest {

    private final Tariff tariff = new Tariff(30, 200, 25, 300, 50, 1_000);

    @Test
    void each_leg_rounds_up_to_the_fen_and_pays_at_least_its_minimum() {
        // 25.5 kg: 765 + 637.5 → 638.
        assertThat(tariff.price(NodeLevel.VILLAGE_POST, 25_500, false)).isEqualTo(new Tariff.Price(1_403, 0));
        // 1 g: both legs at their minimum.
        assertThat(tariff.price(NodeLevel.VILLAGE_POST, 1, false)).isEqualTo(new Tariff.Price(500, 0));
        assertThat(tariff.price(NodeLevel.TOWNSHIP_STATION, 25_500, false)).isEqualTo(new Tariff.Price(638, 0));
        assertThat(tariff.price(NodeLevel.COUNTY_PARK, 25_500, true)).isEqualTo(new Tariff.Price(0, 0));
    }

    @Test
    void the_subsidy_rounds_down_stays_under_its_cap_and_the_parts_add_up() {
        Tariff.Price price = tariff.price(NodeLevel.VILLAGE_POST, 25_500, true);
        assertThat(price.subsidyFen()).isEqualTo(701);
        assertThat(price.payableFen() + price.subsidyFen()).isEqualTo(price.priceFen());
        assertThat(tariff.price(NodeLevel.VILLAGE_POST, 100_000, true).subsidyFen()).isEqualTo(1_000);
        for (long grams = 1; grams < 2_000_000; grams += 7_919) {
            Tariff.Price any = tariff.price(NodeLevel.VILLAGE_POST, grams, true);
            assertThat(any.subsidyFen()).isBetween(0L, any.priceFen());
            assertThat(any.subsidyFen() * 100).isLessThanOrEqualTo(any.priceFen() * 50);
        }
        assertThat(Tariff.NONE.price(NodeLevel.VILLAGE_POST, 5_000, true)).isEqualTo(new Tariff.Price(0, 0));
    }

    @Test
    void a_tariff_is_whole_non_negative_fen_and_a_percentage() {
        assertThat(refusedField(() -> new Tariff(-1, 0, 0, 0, 0, 0))).isEqualTo("villageTownship.fenPerKg");
        assertThat(refusedField(() -> new Tariff(0, 0, 0, 0, 101, 0))).isEqualTo("subsidyPercent");
    }

    @Test
    void weights_are_whole_grams() {
        assertThat(Weight.grams("weightKg", new java.math.BigDecimal("25.5"), 1_000_000)).isEqualTo(25_500);
        assertThat(refusedField(() -> Weight.grams("weightKg", new java.math.BigDecimal("0.0005"), 1_000_000))).isEqualTo("weightKg");
        assertThat(refusedField(() -> Weight.grams("weightKg", java.math.BigDecimal.ZERO, 1_000_000))).isEqualTo("weightKg");
        assertThat(refusedField(() -> Weight.grams("weightKg", new java.math.BigDecimal("1000.001"), 1_000_000))).isEqualTo("weightKg");
    }
}
