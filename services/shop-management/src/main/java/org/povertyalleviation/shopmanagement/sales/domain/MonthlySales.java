package org.povertyalleviation.shopmanagement.sales.domain;

import java.time.YearMonth;

import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A shop's figures for one whole month, in fen. Refunds may exceed the month's gross (they can be for earlier
 * months' orders), so the net may be negative; nobody's share is then taken from them.
 */
public record MonthlySales(YearMonth month, int orders, long grossFen, long refundsFen) {

    /** 10 billion yuan: far above any county shop's month, and low enough that shares of it cannot overflow. */
    public static final long MAX_FEN = 1_000_000_000_000L;

    public MonthlySales {
        if (month == null) {
            throw new InvalidValueException("month", "is required");
        }
        if (orders < 0) {
            throw new InvalidValueException("orders", "must not be negative");
        }
        if (grossFen < 0 || grossFen > MAX_FEN) {
            throw new InvalidValueException("grossFen", "must be between 0 and " + MAX_FEN);
        }
        if (refundsFen < 0 || refundsFen > MAX_FEN) {
            throw new InvalidValueException("refundsFen", "must be between 0 and " + MAX_FEN);
        }
        if (month.getYear() < 2000 || month.getYear() > 2100) {
            throw new InvalidValueException("month", "must be a month between 2000 and 2100");
        }
        if (orders == 0 && grossFen > 0) {
            throw new InvalidValueException("orders", "is 0 while grossFen is " + grossFen + "; sales come from orders");
        }
    }

    /** How far before its registration a shop may report: a shop that already sold brings its last year's figures. */
    public static final int BACKFILL_MONTHS = 12;

    /** A report is for a month that has begun; the current month may be reported as it goes and corrected later. */
    public void requireNotAfter(YearMonth current) {
        if (month.isAfter(current)) {
            throw new InvalidValueException("month", month + " has not begun (it is " + current + ")");
        }
    }

    /** Not for months long before the shop was registered: those would put income into households' past years. */
    public void requireNotBefore(YearMonth registered) {
        if (month.isBefore(registered.minusMonths(BACKFILL_MONTHS))) {
            throw new InvalidValueException("month", "is more than " + BACKFILL_MONTHS + " months before the shop was registered in "
                    + registered);
        }
    }

    public long netFen() {
        return grossFen - refundsFen;
    }

    /** Whether the month counts as a month with sales for the dormancy check. */
    public boolean hadSales() {
        return orders > 0;
    }
}
