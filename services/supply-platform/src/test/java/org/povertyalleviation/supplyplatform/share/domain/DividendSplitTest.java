package org.povertyalleviation.supplyplatform.share.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.RuleRefusedException;

class DividendSplitTest {

    @Test
    void lixian_forty_households_with_fifty_thousand_yuan_at_ten_percent_get_five_thousand_each() {
        Map<UUID, Long> stakes = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            stakes.put(UUID.randomUUID(), 5_000_000L);
        }
        List<DividendSplit.Part> parts = DividendSplit.byRate(stakes, 1_000);
        assertThat(parts).hasSize(40).allSatisfy(part -> assertThat(part.amountFen()).isEqualTo(500_000));
    }

    @Test
    void a_rate_rounds_each_household_half_up() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Map<UUID, Long> stakes = new LinkedHashMap<>(Map.of(a, 5L, b, 4L));
        // 5 × 10 % = 0.5 fen → 1; 4 × 10 % = 0.4 fen → 0.
        assertThat(DividendSplit.byRate(stakes, 1_000)).extracting(DividendSplit.Part::household, DividendSplit.Part::amountFen)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a, 1L), org.assertj.core.groups.Tuple.tuple(b, 0L));
    }

    @Test
    void an_amount_is_shared_by_largest_remainder_and_adds_up_exactly() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID b = UUID.fromString("00000000-0000-0000-0000-000000000002");
        UUID c = UUID.fromString("00000000-0000-0000-0000-000000000003");
        Map<UUID, Long> equal = new LinkedHashMap<>();
        equal.put(c, 1L);
        equal.put(a, 1L);
        equal.put(b, 1L);
        // 100 fen over three equal stakes: 33 each, the one fen left to the first by household id.
        assertThat(DividendSplit.byAmount(equal, 100)).extracting(DividendSplit.Part::household, DividendSplit.Part::amountFen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(c, 33L), org.assertj.core.groups.Tuple.tuple(a, 34L),
                        org.assertj.core.groups.Tuple.tuple(b, 33L));

        Random random = new Random(20261205);
        for (int run = 0; run < 200; run++) {
            Map<UUID, Long> stakes = new LinkedHashMap<>();
            for (int i = 0, n = 1 + random.nextInt(300); i < n; i++) {
                stakes.put(UUID.randomUUID(), 1 + (long) random.nextInt(10_000_000));
            }
            long declared = 1 + (long) (random.nextDouble() * 1_000_000_000L);
            List<DividendSplit.Part> parts = DividendSplit.byAmount(stakes, declared);
            assertThat(parts.stream().mapToLong(DividendSplit.Part::amountFen).sum()).isEqualTo(declared);
            long total = stakes.values().stream().mapToLong(Long::longValue).sum();
            // No part is more than a fen away from its exact pro-rata share.
            parts.forEach(part -> assertThat(Math.abs(part.amountFen() * (double) total - declared * (double) part.stakeFen()))
                    .isLessThan(total * 1.000001));
        }
    }

    @Test
    void a_larger_stake_wins_a_tied_remainder() {
        UUID small = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID large = UUID.fromString("00000000-0000-0000-0000-000000000002");
        Map<UUID, Long> stakes = new LinkedHashMap<>();
        stakes.put(small, 1L);
        stakes.put(large, 3L);
        // 2 fen: exact shares 0.5 and 1.5, both remainders one half; the larger stake gets the fen left.
        assertThat(DividendSplit.byAmount(stakes, 2)).extracting(DividendSplit.Part::amountFen).containsExactly(0L, 2L);
    }

    @Test
    void several_stakes_of_one_household_are_added_before_sharing() {
        UUID household = UUID.randomUUID();
        List<Map.Entry<UUID, Long>> holdings = new ArrayList<>(List.of(Map.entry(household, 100L), Map.entry(UUID.randomUUID(), 50L),
                Map.entry(household, 50L)));
        assertThat(DividendSplit.stakesByHousehold(holdings)).containsEntry(household, 150L).hasSize(2);
    }

    @Test
    void no_shareholders_or_a_rate_out_of_range_is_refused() {
        assertThatThrownBy(() -> DividendSplit.byAmount(Map.of(), 100)).isInstanceOf(RuleRefusedException.class)
                .hasMessageContaining("no shareholding households");
        assertThatThrownBy(() -> DividendSplit.byRate(Map.of(UUID.randomUUID(), 1L), 10_001)).isInstanceOf(RuleRefusedException.class);
        assertThatThrownBy(() -> DividendSplit.byAmount(Map.of(UUID.randomUUID(), 1L), 0)).isInstanceOf(RuleRefusedException.class);
    }
}
