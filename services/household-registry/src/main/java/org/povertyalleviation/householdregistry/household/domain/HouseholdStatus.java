package org.povertyalleviation.householdregistry.household.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A household's place in the poverty-exit lifecycle. REGISTERED (建档立卡) → LIFTED (exit verified) → MONITORED
 * (at risk of returning) → back to LIFTED, or RETURNED (返贫). A RETURNED household is helped again and may be
 * lifted again once its exit is verified.
 */
public enum HouseholdStatus {
    REGISTERED, LIFTED, MONITORED, RETURNED;

    public Set<HouseholdStatus> next() {
        return switch (this) {
            case REGISTERED, RETURNED -> EnumSet.of(LIFTED);
            case LIFTED -> EnumSet.of(MONITORED);
            case MONITORED -> EnumSet.of(LIFTED, RETURNED);
        };
    }

    public boolean mayBecome(HouseholdStatus target) {
        return next().contains(target);
    }
}
