package org.povertyalleviation.householdregistry.household.domain;

/** A member's relation to the head of household (与户主关系). */
public enum Relation {
    HEAD, SPOUSE, CHILD, CHILD_IN_LAW, GRANDCHILD, PARENT, GRANDPARENT, SIBLING, OTHER
}
