package org.povertyalleviation.supplyplatform.organisation.domain;

import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the code's 31-character
 * alphabet (digits and capitals without I, O, Z, S, V), the last a check character over the first 17 (weights 3^i
 * mod 31). A mistyped character or two swapped neighbours fail the check.
 */
public record SocialCreditCode(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public SocialCreditCode {
        if (value == null || value.length() != 18) {
            throw RuleRefusedException.violated("invalid-social-credit-code", "A unified social credit code has 18 characters", "legalId");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                throw RuleRefusedException.violated("invalid-social-credit-code",
                        "Character " + (i + 1) + " of the unified social credit code is not one the code uses", "legalId");
            }
        }
        if (value.charAt(17) != checkCharacter(value.substring(0, 17))) {
            throw RuleRefusedException.violated("invalid-social-credit-code",
                    "The unified social credit code's check character does not match: mistyped?", "legalId");
        }
    }

    /** The check character of the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return ALPHABET.charAt(check);
    }
}
