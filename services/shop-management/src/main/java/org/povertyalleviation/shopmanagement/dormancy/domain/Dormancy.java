package org.povertyalleviation.shopmanagement.dormancy.domain;

import java.time.YearMonth;
import java.util.Set;

/**
 * A shop is dormant after a number of whole months in a row without sales. Only months the shop was open for
 * from their start count: a shop that opened (or reopened) on 15 March is judged from April on. A month the shop
 * did not report is a month without sales.
 */
public final class Dormancy {

    private Dormancy() {
    }

    /**
     * @param current       the month now (not yet whole, so not judged)
     * @param openSince     the month the shop last opened
     * @param monthsWithSales the months with at least one order
     * @param window        how many whole months without sales make a shop dormant
     */
    public static boolean dormant(YearMonth current, YearMonth openSince, Set<YearMonth> monthsWithSales, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least one month, not " + window);
        }
        YearMonth first = current.minusMonths(window);
        if (!first.isAfter(openSince)) {
            return false;
        }
        for (YearMonth month = first; month.isBefore(current); month = month.plusMonths(1)) {
            if (monthsWithSales.contains(month)) {
                return false;
            }
        }
        return true;
    }
}
