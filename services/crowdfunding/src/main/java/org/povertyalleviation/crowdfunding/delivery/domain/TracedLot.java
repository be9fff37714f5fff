package org.povertyalleviation.crowdfunding.delivery.domain;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/**
 * A traceability lot as the supply platform's public trace shows it: its code, its product and its county. A reward
 * ships from a lot of the project's own county: backers pre-paid that county's households' harvest.
 */
public record TracedLot(String code, String product, String county) {

    public static final String CODE = "[A-Za-z0-9._-]{1,64}";

    /** The code as asked for: letters, digits and . _ - (it is a path segment of the trace page). */
    public static String code(String value) {
        if (value == null || !value.strip().matches(CODE)) {
            throw new InvalidValueException("lotCode", "is required: 1 to 64 letters, digits or . _ -");
        }
        return value.strip();
    }

    public void requireOf(CountyCode projectCounty) {
        if (!projectCounty.value().equals(county)) {
            throw RuleRefusedException.violated("lot-of-another-county", "Lot " + code + " is "
                    + (county == null ? "of no county the supply platform names" : "of county " + county) + ", not of the project's county "
                    + projectCounty, "lotCode");
        }
    }

    /** The lot's public page a backer opens: the trace pages' base and the code. */
    public static String traceUrl(String base, String code) {
        if (code == null || base == null) {
            return null;
        }
        return (base.endsWith("/") ? base : base + "/") + code;
    }
}
