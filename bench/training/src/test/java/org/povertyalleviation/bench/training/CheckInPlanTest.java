package org.povertyalleviation.bench.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class CheckInPlanTest {

    @Test
    void everyPersonArrivesOnceInTheWindowAndTheSpecialOnesDoWhatTheyAreToldTo() {
        CheckInPlan plan = CheckInPlan.of(300, 60_000, 30, 5, 2, 31_000, 20);

        assertThat(plan.attempts()).hasSize(332);
        assertThat(plan.attempts()).allSatisfy(attempt -> assertThat(attempt.atMillis()).isBetween(0L, 59_999L));
        assertThat(plan.attempts()).isSortedAccordingTo(java.util.Comparator.comparingLong(CheckInPlan.Attempt::atMillis));
        Map<Integer, List<CheckInPlan.Attempt>> byPerson = plan.attempts().stream().collect(Collectors.groupingBy(CheckInPlan.Attempt::person));
        assertThat(byPerson).hasSize(300);
        assertThat(plan.count(CheckInPlan.Kind.QR_AGAIN)).isEqualTo(30);
        assertThat(plan.count(CheckInPlan.Kind.CODE)).isEqualTo(5);
        assertThat(plan.count(CheckInPlan.Kind.EXPIRED)).isEqualTo(2);
        assertThat(plan.count(CheckInPlan.Kind.QR_AFTER_EXPIRED)).isEqualTo(2);
        byPerson.values().forEach(attempts -> {
            if (attempts.get(0).kind() == CheckInPlan.Kind.EXPIRED) {
                assertThat(attempts.get(0).atMillis()).isGreaterThanOrEqualTo(31_000);
                assertThat(attempts.get(1).kind()).isEqualTo(CheckInPlan.Kind.QR_AFTER_EXPIRED);
                assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isBetween(2_000L, 5_000L);
            }
            if (attempts.size() == 2 && attempts.get(1).kind() == CheckInPlan.Kind.QR_AGAIN) {
                assertThat(attempts.get(0).kind()).isEqualTo(CheckInPlan.Kind.QR);
            }
        });
        assertThat(CheckInPlan.of(300, 60_000, 30, 5, 2, 31_000, 20)).isEqualTo(plan);
        assertThat(plan.busiestSecond()).isBetween(6, 40);
    }

    @Test
    void theBusiestSecondIsTheMostAttemptsWithinAnyOneSecond() {
        CheckInPlan plan = new CheckInPlan(List.of(new CheckInPlan.Attempt(0, CheckInPlan.Kind.QR, 0), new CheckInPlan.Attempt(1, CheckInPlan.Kind.QR, 900),
                new CheckInPlan.Attempt(2, CheckInPlan.Kind.QR, 1_500), new CheckInPlan.Attempt(3, CheckInPlan.Kind.QR, 1_800)), 4, 2_000);

        assertThat(plan.busiestSecond()).isEqualTo(3);
    }
}
