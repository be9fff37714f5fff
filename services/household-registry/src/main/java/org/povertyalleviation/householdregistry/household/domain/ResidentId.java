package org.povertyalleviation.householdregistry.household.domain;

import org.povertyalleviation.platform.domain.InvalidValueException;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A resident identity card number (GB 11643): a 6-digit region code, the birth date (yyyyMMdd), a 3-digit
 * sequence whose last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character
 * (0-9 or X). Birth date and sex are derived from it, never entered separately.
 */
public record ResidentId(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    public ResidentId {
        if (value == null || value.length() != 18) {
            throw new InvalidValueException("must be 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(value.charAt(i)) || value.charAt(i) > '9') {
                throw new InvalidValueException("the first 17 characters must be digits");
            }
        }
        char check = value.charAt(17);
        if (!(check >= '0' && check <= '9') && check != 'X') {
            throw new InvalidValueException("the last character must be a digit or X");
        }
        if (checkCharacter(value) != check) {
            throw new InvalidValueException("the check character does not match (expected " + checkCharacter(value) + ")");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidValueException("characters 7 to 14 are not a birth date");
        }
        if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
            throw new InvalidValueException("the birth date " + birth + " is not plausible");
        }
    }

    /** Accepts a lower-case x and surrounding spaces, as clerks and spreadsheets write them. */
    public static ResidentId parse(String text) {
        if (text == null) {
            throw new InvalidValueException("is required");
        }
        return new ResidentId(text.strip().toUpperCase());
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.M : Sex.F;
    }

    /** The region code and the last four characters, e.g. {@code 621222********1234}. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }

    public enum Sex { M, F }
}
