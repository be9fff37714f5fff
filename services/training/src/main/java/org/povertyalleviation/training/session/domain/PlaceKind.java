package org.povertyalleviation.training.session.domain;

/** Where a session meets: the county's e-commerce college, a township, a village, or online. */
public enum PlaceKind {
    COUNTY_COLLEGE, TOWNSHIP, VILLAGE, ONLINE
}
