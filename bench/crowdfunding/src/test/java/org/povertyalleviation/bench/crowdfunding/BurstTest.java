package org.povertyalleviation.bench.crowdfunding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.bench.ClosedLoopPosts;

class BurstTest {

    /** A burst of {@code accepted} 201s and {@code soldOut} 409 tier-sold-out answers. */
    private static ClosedLoopPosts.Result answers(int accepted, int soldOut) {
        int[] statuses = new int[accepted + soldOut];
        Arrays.fill(statuses, 0, accepted, 201);
        Arrays.fill(statuses, accepted, statuses.length, 409);
        return new ClosedLoopPosts.Result(statuses, new long[statuses.length], 1.0, List.of(),
                Map.of("201", (long) accepted, "409 tier-sold-out", (long) soldOut));
    }

    @Test
    void exactly_the_tier_sold_and_the_rest_refused_as_sold_out_is_sound() {
        CrowdfundingBenchmark.Burst burst = new CrowdfundingBenchmark.Burst(1, "direct", 500, answers(500, 1500), 500, 500, 500, "");

        assertThat(burst.oversold()).isZero();
        assertThat(burst.problems()).isEmpty();
    }

    @Test
    void one_reward_beyond_the_limit_in_the_tier_or_the_pledges_is_oversold() {
        assertThat(new CrowdfundingBenchmark.Burst(1, "gateway", 500, answers(500, 1500), 501, 500, 500, "").oversold()).isEqualTo(1);
        assertThat(new CrowdfundingBenchmark.Burst(1, "gateway", 500, answers(500, 1500), 500, 500, 502, "").oversold()).isEqualTo(2);
        assertThat(new CrowdfundingBenchmark.Burst(1, "gateway", 500, answers(501, 1499), 500, 500, 500, "").problems())
                .anySatisfy(problem -> assertThat(problem).startsWith("OVERSOLD by 1"));
    }

    @Test
    void a_refusal_other_than_sold_out_or_a_pledge_missing_fails_the_burst_without_overselling() {
        CrowdfundingBenchmark.Burst throttled = new CrowdfundingBenchmark.Burst(1, "gateway", 500, answers(480, 1500), 480, 480, 480, "");

        assertThat(throttled.oversold()).isZero();
        assertThat(throttled.problems()).hasSize(2);
    }
}
