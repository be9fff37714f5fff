package org.povertyalleviation.logisticsbooking.booking.domain;

import java.math.BigDecimal;

import org.povertyalleviation.platform.domain.InvalidValueException;

/** Weights travel as kilograms with up to three decimals and are kept as whole grams: no rounding ever happens. */
public final class Weight {

    private Weight() {
    }

    public static long grams(String field, BigDecimal kilograms, long maxGrams) {
        if (kilograms == null) {
            throw new InvalidValueException(field, "is required");
        }
        BigDecimal grams = kilograms.movePointRight(3);
        if (grams.signum() <= 0 || grams.stripTrailingZeros().scale() > 0) {
            throw new InvalidValueException(field, "must be a positive weight in kg with at most three decimals");
        }
        if (grams.compareTo(BigDecimal.valueOf(maxGrams)) > 0) {
            throw new InvalidValueException(field, "must be at most " + BigDecimal.valueOf(maxGrams).movePointLeft(3).toPlainString() + " kg");
        }
        return grams.longValueExact();
    }

    public static BigDecimal kilograms(long grams) {
        return BigDecimal.valueOf(grams).movePointLeft(3);
    }
}
