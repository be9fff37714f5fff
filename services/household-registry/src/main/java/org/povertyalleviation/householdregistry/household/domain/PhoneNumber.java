package org.povertyalleviation.householdregistry.household.domain;

import org.povertyalleviation.platform.domain.InvalidValueException;

import java.util.regex.Pattern;

/** A mainland mobile number (11 digits from 1) or a landline with its area code (0xx-xxxxxxx). */
public record PhoneNumber(String value) {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-\\d{7,8}");

    public PhoneNumber {
        if (value == null || !(MOBILE.matcher(value).matches() || LANDLINE.matcher(value).matches())) {
            throw new InvalidValueException("must be a mobile number (11 digits starting with 1) or a landline like 0939-1234567");
        }
    }

    /** Accepts spaces and a +86 prefix; null or blank means no phone. */
    public static PhoneNumber parseOptional(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String compact = text.replace(" ", "").replaceFirst("^\\+86", "");
        return new PhoneNumber(compact);
    }

    /** The first three and the last four digits, e.g. {@code 138****5678}. */
    public String masked() {
        return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
