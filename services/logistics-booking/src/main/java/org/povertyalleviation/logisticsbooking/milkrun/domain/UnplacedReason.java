package org.povertyalleviation.logisticsbooking.milkrun.domain;

/** Why a pickup is on no route. */
public enum UnplacedReason {
    /** A cold pickup, and no cold vehicle works at the station that day. */
    COLD,
    /** Heavier or more parcels than any vehicle on duty carries, or every vehicle that could is full. */
    CAPACITY,
    /** No vehicle reaches the post before its window ends (alone, or with its other stops). */
    WINDOW,
    /** The round trip (alone, or with the vehicle's other stops) is longer than a working day. */
    WORKING_DAY,
    /** It fits on a route, but the solver did not place it within its budget; a longer budget may. */
    NOT_PLACED
}
