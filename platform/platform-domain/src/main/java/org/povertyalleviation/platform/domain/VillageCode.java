package org.povertyalleviation.platform.domain;

import java.util.regex.Pattern;

/** A village's 12-digit code: its county's 6 digits, its township's 3, then 3 of its own. */
public record VillageCode(String value) {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");

    public VillageCode {
        if (value == null || !TWELVE_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("must be 12 digits");
        }
    }

    public static VillageCode of(String value) {
        return new VillageCode(value);
    }

    /** The county's 6 digits, as a string (a village code of a city or province prefix is still 6 digits). */
    public String countyCode() {
        return value.substring(0, 6);
    }

    /** The township's 9 digits. */
    public String townshipCode() {
        return value.substring(0, 9);
    }

    public boolean isIn(CountyCode county) {
        return value.startsWith(county.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
