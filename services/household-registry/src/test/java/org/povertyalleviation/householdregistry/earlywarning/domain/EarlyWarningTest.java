package org.povertyalleviation.householdregistry.earlywarning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.earlywarning.domain.EarlyWarning.MonthIncome;
import org.povertyalleviation.householdregistry.earlywarning.domain.EarlyWarning.Rule;
import org.povertyalleviation.platform.domain.Fen;

class EarlyWarningTest {

    private static final EarlyWarning.Thresholds THRESHOLDS = new EarlyWarning.Thresholds(0.5, 3, 0.2);
    private static final YearMonth NOW = YearMonth.of(2026, 11);
    private static final Fen LINE = Fen.ofYuan(4000);

    @Test
    void steady_income_well_above_the_line_is_no_warning() {
        assertThat(EarlyWarning.assess(THRESHOLDS, NOW, monthly(NOW.minusMonths(12), 12, 100_000), 2, LINE).atRisk()).isFalse();
    }

    @Test
    void ecommerce_income_that_halved_against_the_window_before_warns() {
        Map<YearMonth, MonthIncome> ledger = monthly(NOW.minusMonths(12), 9, 200_000);
        ledger.putAll(monthly(NOW.minusMonths(3), 3, 90_000));

        EarlyWarning.Assessment assessment = EarlyWarning.assess(THRESHOLDS, NOW, ledger, 1, LINE);

        assertThat(assessment.reasons()).extracting(EarlyWarning.Reason::rule).containsExactly(Rule.ECOMMERCE_INCOME_FELL);
        assertThat(assessment.reasons().get(0).detail()).contains("2026-10").contains("55 %");
        assertThat(assessment.trailingEcommerce()).isEqualTo(new Fen(270_000));
        assertThat(assessment.previousEcommerce()).isEqualTo(new Fen(600_000));
    }

    @Test
    void the_current_month_does_not_count_while_it_is_still_being_reported() {
        Map<YearMonth, MonthIncome> ledger = monthly(NOW.minusMonths(6), 6, 200_000);
        ledger.put(NOW, new MonthIncome(new Fen(1), new Fen(1)));
        assertThat(EarlyWarning.assess(THRESHOLDS, NOW, ledger, 1, LINE).trailingEcommerce()).isEqualTo(new Fen(600_000));
    }

    @Test
    void a_years_income_per_member_within_the_margin_of_the_line_warns() {
        // 12 × 700 yuan for 2 people = 4,200 yuan each: within 20 % of 4,000.
        EarlyWarning.Assessment assessment = EarlyWarning.assess(THRESHOLDS, NOW, monthly(NOW.minusMonths(12), 12, 70_000), 2, LINE);

        assertThat(assessment.reasons()).extracting(EarlyWarning.Reason::rule).containsExactly(Rule.NEAR_POVERTY_LINE);
        assertThat(assessment.projectedPerCapita()).isEqualTo(Fen.ofYuan(4200));
    }

    @Test
    void subsidies_do_not_count_as_ecommerce_income() {
        Map<YearMonth, MonthIncome> ledger = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            YearMonth month = NOW.minusMonths(i);
            ledger.put(month, i > 3 ? new MonthIncome(new Fen(300_000), new Fen(300_000)) : new MonthIncome(Fen.ZERO, new Fen(300_000)));
        }
        assertThat(EarlyWarning.assess(THRESHOLDS, NOW, ledger, 1, LINE).reasons()).extracting(EarlyWarning.Reason::rule)
                .containsExactly(Rule.ECOMMERCE_INCOME_FELL);
    }

    private static Map<YearMonth, MonthIncome> monthly(YearMonth from, int months, long fen) {
        Map<YearMonth, MonthIncome> ledger = new HashMap<>();
        for (int i = 0; i < months; i++) {
            ledger.put(from.plusMonths(i), new MonthIncome(new Fen(fen), new Fen(fen)));
        }
        return ledger;
    }
}
