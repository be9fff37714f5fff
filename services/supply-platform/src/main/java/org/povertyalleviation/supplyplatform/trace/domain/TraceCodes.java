package org.povertyalleviation.supplyplatform.trace.domain;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The codes printed on lots and packs: random, in Crockford's base 32 (digits and capitals without I, L, O and U, so
 * nothing is misread from a worn label). A lot's code has 10 characters (50 bits), a pack's serial 12 (60 bits): a
 * counterfeiter who has one label cannot guess another, and a code says nothing about other lots. Both fit GS1's
 * batch/lot (AI 10) and serial (AI 21) fields.
 */
public final class TraceCodes {

    public static final int LOT_LENGTH = 10;
    public static final int SERIAL_LENGTH = 12;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom random = new SecureRandom();

    private TraceCodes() {
    }

    public static String lotCode() {
        return random(LOT_LENGTH);
    }

    public static String serial() {
        return random(SERIAL_LENGTH);
    }

    /**
     * A code as a person or a phone may have typed it, in its printed form: upper case, and the letters Crockford reads
     * as digits (I and L as 1, O as 0); empty when it cannot be one of ours.
     */
    public static Optional<String> normalise(String typed, int length) {
        if (typed == null || typed.length() != length) {
            return Optional.empty();
        }
        String upper = typed.toUpperCase(Locale.ROOT).replace('I', '1').replace('L', '1').replace('O', '0');
        for (int i = 0; i < upper.length(); i++) {
            if (ALPHABET.indexOf(upper.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(upper);
    }

    private static String random(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
