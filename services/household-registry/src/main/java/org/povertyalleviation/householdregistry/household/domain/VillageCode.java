package org.povertyalleviation.householdregistry.household.domain;

/** A village's 12-digit code: its county's 6 digits, its township's 3, then 3 of its own. */
public record VillageCode(String value) {

    public VillageCode {
        if (value == null || !value.matches("\\d{12}")) {
            throw new InvalidValueException("must be 12 digits");
        }
    }

    public String countyCode() {
        return value.substring(0, 6);
    }
}
