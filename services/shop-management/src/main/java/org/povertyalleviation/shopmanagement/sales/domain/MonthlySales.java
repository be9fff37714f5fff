package org.povertyalleviation.shopmanagement.sales.domain;

import java.time.YearMonth;

import org.povertyalleviation.shopmanagement.shop.domain.InvalidValueException;

/**
 * A shop's figures for one whole month, in fen. Refunds may exceed the month's gross (they can be for earlier
 * months' orders), so the net may be negative; nobody's share is then taken from them.
 */
public record MonthlySales(YearMonth month, int orders, long grossFen, long refundsFen) {

    public MonthlySales {
        if (month == null) {
            throw new InvalidValueException("month", "is required");
        }
        if (orders < 0) {
            throw new InvalidValueException("orders", "must not be negative");
        }
        if (grossFen < 0) {
            throw new InvalidValueException("grossFen", "must not be negative");
        }
        if (refundsFen < 0) {
            throw new InvalidValueException("refundsFen", "must not be negative");
        }
        if (orders == 0 && grossFen > 0) {
            throw new InvalidValueException("orders", "is 0 while grossFen is " + grossFen + "; sales come from orders");
        }
    }

    /** A report is for a month that has begun; the current month may be reported as it goes and corrected later. */
    public void requireNotAfter(YearMonth current) {
        if (month.isAfter(current)) {
            throw new InvalidValueException("month", month + " has not begun (it is " + current + ")");
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
