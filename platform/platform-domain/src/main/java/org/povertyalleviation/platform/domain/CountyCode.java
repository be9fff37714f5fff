package org.povertyalleviation.platform.domain;

import java.util.regex.Pattern;

/**
 * A county, the tenant of this platform, named by its 6-digit administrative division code (GB/T 2260),
 * for example 621222 for Wen County.
 */
public record CountyCode(String value) {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    public CountyCode {
        if (value == null || !SIX_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("A county code is 6 digits (GB/T 2260), not " + value);
        }
        // xx0000 is a province and xxxx00 a city: neither is a county.
        if (value.endsWith("00")) {
            throw new InvalidValueException(value + " names a province or a city, not a county");
        }
    }

    public static CountyCode of(String value) {
        return new CountyCode(value);
    }

    /** A county code taken from a request: a malformed one is the caller's error (400 naming the field). */
    public static CountyCode fromRequest(String field, String value) {
        return InvalidValueException.in(field, () -> new CountyCode(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
