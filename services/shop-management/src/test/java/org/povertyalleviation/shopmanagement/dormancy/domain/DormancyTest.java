package org.povertyalleviation.shopmanagement.dormancy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DormancyTest {

    private static final YearMonth MAY = YearMonth.of(2027, 5);

    @Test
    void three_whole_months_without_sales_after_opening_make_a_shop_dormant() {
        // Window February, March, April; opened in January.
        assertThat(Dormancy.dormant(MAY, YearMonth.of(2027, 1), Set.of(), 3)).isTrue();
        assertThat(Dormancy.dormant(MAY, YearMonth.of(2027, 1), Set.of(YearMonth.of(2027, 3)), 3)).isFalse();
        // Sales in the current month or before the window do not count either way.
        assertThat(Dormancy.dormant(MAY, YearMonth.of(2026, 1), Set.of(MAY, YearMonth.of(2027, 1)), 3)).isTrue();
    }

    @Test
    void a_shop_is_judged_only_on_months_it_was_open_from_their_start() {
        assertThat(Dormancy.dormant(MAY, YearMonth.of(2027, 2), Set.of(), 3)).as("opened in the window's first month").isFalse();
        assertThat(Dormancy.dormant(MAY, YearMonth.of(2027, 4), Set.of(), 1)).isFalse();
        assertThat(Dormancy.dormant(MAY, YearMonth.of(2027, 3), Set.of(), 1)).isTrue();
        assertThatThrownBy(() -> Dormancy.dormant(MAY, YearMonth.of(2027, 1), Set.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
