package org.povertyalleviation.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FenTest {

    @Test
    void per_capita_rounds_down_so_that_income_is_never_overstated() {
        assertThat(Fen.of(1000).perCapita(3)).isEqualTo(Fen.of(333));
        assertThat(Fen.of(-1000).perCapita(3)).isEqualTo(Fen.of(-334));
    }

    @Test
    void arithmetic_overflows_throw_instead_of_wrapping() {
        assertThatThrownBy(() -> Fen.of(Long.MAX_VALUE).plus(Fen.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fen.ofYuan(Long.MAX_VALUE / 10)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void amounts_read_as_yuan_with_two_decimals() {
        assertThat(Fen.of(421850)).hasToString("4,218.50 yuan");
        assertThat(Fen.of(-5)).hasToString("-0.05 yuan");
    }

    @Test
    void a_village_code_is_twelve_digits_inside_its_county() {
        VillageCode village = VillageCode.of("621222101201");
        assertThat(village.countyCode()).isEqualTo("621222");
        assertThat(village.townshipCode()).isEqualTo("621222101");
        assertThat(village.isIn(CountyCode.of("621222"))).isTrue();
        assertThatThrownBy(() -> VillageCode.of("62122210120")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> InvalidValueException.in("village", () -> VillageCode.of("x")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("village"));
    }
}
