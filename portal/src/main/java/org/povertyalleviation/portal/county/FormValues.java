package org.povertyalleviation.portal.county;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Values typed into forms and links, as the services take them: a value that is none (blank, not a number, not a day)
 * is null, or the page's default, and the service names a required field that is missing.
 */
public final class FormValues {

    private FormValues() {
    }

    /** Stripped; null when absent or blank. */
    public static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static Integer integer(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static BigDecimal decimal(String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An amount typed in yuan ("198", "198.5", "1,234.56") in fen, exactly: the typed decimal is parsed as written,
     * never through a double (0.1 + 0.2 yuan must be 30 fen). Null when none, negative, or finer than a fen.
     */
    public static Long fen(String yuan) {
        return hundredths(yuan);
    }

    /** A share typed in percent ("25", "33.34") in basis points (2500, 3334), exactly; null when none or finer than 0.01 %. */
    public static Integer basisPoints(String percent) {
        Long points = hundredths(percent);
        return points == null || points > Integer.MAX_VALUE ? null : points.intValue();
    }

    private static Long hundredths(String value) {
        BigDecimal decimal = decimal(value == null ? null : value.replace(",", "").replace("，", ""));
        if (decimal == null || decimal.signum() < 0) {
            return null;
        }
        try {
            return decimal.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A day (YYYY-MM-DD); the fallback when none or a hand-typed one that is no day. */
    public static LocalDate day(String value, LocalDate fallback) {
        if (value != null && !value.isBlank()) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                // not a day: the page's default
            }
        }
        return fallback;
    }
}
