package org.povertyalleviation.householdregistry.household.domain;

public enum Health {
    HEALTHY, CHRONIC_ILLNESS, SERIOUS_ILLNESS, DISABLED
}
