package org.povertyalleviation.logisticsbooking.milkrun.domain;

/** A plan is PLANNED until a replan of it is made, then SUPERSEDED (read-only: locks go on the newest plan). */
public enum PlanStatus {
    PLANNED,
    SUPERSEDED
}
