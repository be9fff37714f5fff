package org.povertyalleviation.portal.crowdfunding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrowdfundingTest {

    @Test
    void basis_points_read_as_percentages_exactly() {
        assertThat(Crowdfunding.percent(10_000)).isEqualTo("100");
        assertThat(Crowdfunding.percent(2_500)).isEqualTo("25");
        assertThat(Crowdfunding.percent(3_334)).isEqualTo("33.34");
        assertThat(Crowdfunding.percent(5)).isEqualTo("0.05");
    }

    @Test
    void the_bar_is_full_past_the_goal_and_the_figure_says_by_how_much() {
        assertThat(new Crowdfunding.Progress(0, 0, 0, 0, 0, 135).bar()).isEqualTo(100);
        assertThat(new Crowdfunding.Progress(0, 0, 0, 0, 0, 41).bar()).isEqualTo(41);
    }
}
