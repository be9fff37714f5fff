package org.povertyalleviation.householdregistry.earlywarning.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.povertyalleviation.platform.domain.Fen;

/**
 * Return-to-poverty early warning (防返贫监测) for a lifted household: its e-commerce income of the last complete
 * months fell sharply against the months before, or its income of the last twelve complete months per member comes
 * near the poverty line. Only complete months count: the current month is still being reported.
 */
public final class EarlyWarning {

    public enum Rule { ECOMMERCE_INCOME_FELL, NEAR_POVERTY_LINE }

    /**
     * @param dropRatio a fall of at least this share of the previous window's e-commerce income warns (0.5 = halved)
     * @param windowMonths the length of the two windows compared
     * @param lineMargin projected per-capita income below the line times (1 + margin) warns (0.2 = within 20 %)
     */
    public record Thresholds(double dropRatio, int windowMonths, double lineMargin) {

        public Thresholds {
            if (dropRatio <= 0 || dropRatio > 1) {
                throw new IllegalArgumentException("dropRatio must be in (0, 1]");
            }
            if (windowMonths < 1 || windowMonths > 6) {
                throw new IllegalArgumentException("windowMonths must be 1 to 6");
            }
            if (lineMargin < 0) {
                throw new IllegalArgumentException("lineMargin must not be negative");
            }
        }
    }

    /** One month of a household's ledger. */
    public record MonthIncome(Fen ecommerce, Fen total) {
    }

    public record Reason(Rule rule, String detail) {
    }

    public record Assessment(List<Reason> reasons, Fen trailingEcommerce, Fen previousEcommerce, Fen projectedPerCapita,
                             Fen povertyLine) {

        public boolean atRisk() {
            return !reasons.isEmpty();
        }
    }

    private EarlyWarning() {
    }

    /**
     * @param povertyLine the line of the current year (or the latest configured), null when none is configured:
     *                    then only the fall in e-commerce income is watched
     */
    public static Assessment assess(Thresholds thresholds, YearMonth currentMonth, Map<YearMonth, MonthIncome> ledger,
                                    int members, Fen povertyLine) {
        int window = thresholds.windowMonths();
        Fen trailing = sum(ledger, currentMonth.minusMonths(window), currentMonth, true);
        Fen previous = sum(ledger, currentMonth.minusMonths(2L * window), currentMonth.minusMonths(window), true);
        Fen lastYear = sum(ledger, currentMonth.minusMonths(12), currentMonth, false);
        Fen projected = members > 0 ? lastYear.perCapita(members) : Fen.ZERO;
        List<Reason> reasons = new ArrayList<>();
        if (previous.value() > 0 && trailing.value() <= previous.value() * (1 - thresholds.dropRatio())) {
            long fall = Math.round(100.0 * (previous.value() - trailing.value()) / previous.value());
            reasons.add(new Reason(Rule.ECOMMERCE_INCOME_FELL, "E-commerce income of the " + window + " months to "
                    + currentMonth.minusMonths(1) + " fell " + fall + " % (" + trailing + " against " + previous + ")"));
        }
        if (povertyLine != null && members > 0 && projected.value() < povertyLine.value() * (1 + thresholds.lineMargin())) {
            reasons.add(new Reason(Rule.NEAR_POVERTY_LINE, "Income of the 12 months to " + currentMonth.minusMonths(1)
                    + " is " + projected + " per member, within " + Math.round(thresholds.lineMargin() * 100)
                    + " % of the poverty line of " + povertyLine));
        }
        return new Assessment(List.copyOf(reasons), trailing, previous, projected, povertyLine);
    }

    /** The sum of the months from {@code from} (inclusive) to {@code to} (exclusive). */
    private static Fen sum(Map<YearMonth, MonthIncome> ledger, YearMonth from, YearMonth to, boolean ecommerceOnly) {
        Fen sum = Fen.ZERO;
        for (YearMonth month = from; month.isBefore(to); month = month.plusMonths(1)) {
            MonthIncome income = ledger.get(month);
            if (income != null) {
                sum = sum.plus(ecommerceOnly ? income.ecommerce() : income.total());
            }
        }
        return sum;
    }
}
