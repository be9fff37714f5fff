package org.povertyalleviation.training.attendance.domain;

/** A sitting's figures for the lecturer's screen: counted check-ins, late ones, duplicates kept, lecturer's marks. */
public record Tally(long counted, long late, long duplicates, long manual) {
}
