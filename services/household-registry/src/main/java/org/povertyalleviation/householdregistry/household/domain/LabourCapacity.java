package org.povertyalleviation.householdregistry.household.domain;

/** Whether a member can work (劳动能力): fully, partly (weak or part-time labour), or not at all. */
public enum LabourCapacity {
    FULL, PARTIAL, NONE
}
