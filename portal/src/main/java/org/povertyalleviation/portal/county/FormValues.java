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
