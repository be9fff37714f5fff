package org.povertyalleviation.crowdfunding.project.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The split of proceeds: it adds up to the fen, and nobody gets more than a fen above their exact share. */
class ProceedsTest {

    @Test
    void one_household_gets_everything() {
        UUID household = UUID.randomUUID();
        assertThat(Proceeds.split(1_234_567, List.of(new Share(household, Share.WHOLE)))).containsExactly(Map.entry(household, 1_234_567L));
    }

    @Test
    void the_fen_left_over_go_to_the_largest_remainders() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        UUID c = UUID.fromString("00000000-0000-0000-0000-00000000000c");
        // 100 × 3334 / 10000 = 33.34, 100 × 3333 / 10000 = 33.33 twice: floors 33 + 33 + 33 = 99; the fen left goes to a.
        assertThat(Proceeds.split(100, List.of(new Share(a, 3334), new Share(b, 3333), new Share(c, 3333))))
                .containsEntry(a, 34L).containsEntry(b, 33L).containsEntry(c, 33L);
        // A tie between b and c is decided by their ids as text: b comes first.
        assertThat(Proceeds.split(2, List.of(new Share(a, 5000), new Share(c, 2500), new Share(b, 2500))))
                .containsEntry(a, 1L).containsEntry(b, 1L).containsEntry(c, 0L);
    }

    @Test
    void any_split_adds_up_and_stays_within_a_fen_of_the_exact_share() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            int households = 1 + random.nextInt(12);
            List<Share> shares = new ArrayList<>();
            int left = Share.WHOLE;
            for (int i = 0; i < households - 1 && left > households - i; i++) {
                int points = 1 + random.nextInt(left - (households - i - 1));
                shares.add(new Share(UUID.randomUUID(), points));
                left -= points;
            }
            shares.add(new Share(UUID.randomUUID(), left));
            long proceeds = random.nextLong(0, 5_000_000_000L);
            Map<UUID, Long> split = Proceeds.split(proceeds, shares);
            assertThat(split.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(proceeds);
            for (Share share : shares) {
                long floor = proceeds * share.basisPoints() / Share.WHOLE;
                assertThat(split.get(share.household())).isBetween(floor, floor + 1);
            }
        }
    }

    @Test
    void shares_that_do_not_add_up_are_refused() {
        assertThatThrownBy(() -> Proceeds.split(100, List.of(new Share(UUID.randomUUID(), 9_999)))).isInstanceOf(IllegalArgumentException.class);
    }
}
