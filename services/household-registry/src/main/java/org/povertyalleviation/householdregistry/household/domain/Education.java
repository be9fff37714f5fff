package org.povertyalleviation.householdregistry.household.domain;

/** Highest education reached (or being followed, for pupils). */
public enum Education {
    NONE, PRESCHOOL, PRIMARY, JUNIOR_SECONDARY, SENIOR_SECONDARY, VOCATIONAL, TERTIARY
}
