package org.povertyalleviation.supplyplatform.trace.domain;

/**
 * A GS1 Global Trade Item Number as Digital Link writes it: 14 digits (a GTIN-8, -12 or -13 padded with zeros on the
 * left), the last a mod-10 check digit (weights 3 and 1 from the right, GS1 General Specifications 7.9.1).
 */
public final class Gtin {

    private Gtin() {
    }

    /** The GTIN-14 form of a GTIN-8, -12, -13 or -14, or null when it is not one (wrong length, digits or check digit). */
    public static String normalise(String gtin) {
        if (gtin == null || !gtin.matches("\\d{8}|\\d{12,14}")) {
            return null;
        }
        String padded = "0".repeat(14 - gtin.length()) + gtin;
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            int digit = padded.charAt(i) - '0';
            sum += (i % 2 == 0) ? digit * 3 : digit;
        }
        int check = (10 - sum % 10) % 10;
        return check == padded.charAt(13) - '0' ? padded : null;
    }
}
