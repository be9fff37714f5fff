package org.povertyalleviation.householdregistry.household.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

import org.povertyalleviation.platform.domain.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.household.domain.Lifecycle.ExitAssessment;
import org.povertyalleviation.platform.domain.Fen;

class LifecycleTest {

    private static final Guarantees ALL = new Guarantees(true, true, true, true, true);
    private static final Fen LINE = Fen.ofYuan(4000);

    @Test
    void a_registered_household_above_the_line_with_every_guarantee_is_lifted() {
        assertThatCode(() -> Lifecycle.lift(HouseholdStatus.REGISTERED, new ExitAssessment(2020, Fen.ofYuan(12_003), 3, LINE, ALL)))
                .doesNotThrowAnyException();
    }

    @Test
    void income_per_member_at_or_below_the_line_refuses_the_exit() {
        assertThatThrownBy(() -> Lifecycle.lift(HouseholdStatus.REGISTERED, new ExitAssessment(2020, Fen.ofYuan(12_000), 3, LINE, ALL)))
                .isInstanceOf(RuleRefusedException.class).hasMessageContaining("4,000.00 yuan")
                .extracting(e -> ((RuleRefusedException) e).rule()).isEqualTo("income-below-poverty-line");
    }

    @Test
    void an_unmet_guarantee_refuses_the_exit_naming_it() {
        Guarantees noHousing = new Guarantees(true, true, true, true, false);
        assertThatThrownBy(() -> Lifecycle.lift(HouseholdStatus.REGISTERED, new ExitAssessment(2020, Fen.ofYuan(50_000), 3, LINE, noHousing)))
                .hasMessageContaining("safeHousing");
    }

    @Test
    void a_year_without_a_line_verifies_no_exit() {
        assertThatThrownBy(() -> Lifecycle.lift(HouseholdStatus.REGISTERED, new ExitAssessment(2031, Fen.ofYuan(50_000), 1, null, ALL)))
                .extracting(e -> ((RuleRefusedException) e).rule()).isEqualTo("no-poverty-line");
    }

    @Test
    void only_the_lifecycles_own_transitions_are_allowed() {
        assertThatThrownBy(() -> Lifecycle.monitor(HouseholdStatus.REGISTERED, "drought")).hasMessageContaining("cannot become MONITORED");
        assertThatThrownBy(() -> Lifecycle.returnToPoverty(HouseholdStatus.LIFTED, "drought")).hasMessageContaining("cannot become RETURNED");
        assertThatCode(() -> Lifecycle.monitor(HouseholdStatus.LIFTED, "drought")).doesNotThrowAnyException();
        assertThatCode(() -> Lifecycle.returnToPoverty(HouseholdStatus.MONITORED, "drought")).doesNotThrowAnyException();
        assertThatCode(() -> Lifecycle.lift(HouseholdStatus.MONITORED, new ExitAssessment(2020, Fen.ofYuan(9000), 1, LINE, ALL)))
                .doesNotThrowAnyException();
        assertThatCode(() -> Lifecycle.lift(HouseholdStatus.RETURNED, new ExitAssessment(2020, Fen.ofYuan(9000), 1, LINE, ALL)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Lifecycle.monitor(HouseholdStatus.LIFTED, " ")).isInstanceOf(InvalidValueException.class);
    }
}
