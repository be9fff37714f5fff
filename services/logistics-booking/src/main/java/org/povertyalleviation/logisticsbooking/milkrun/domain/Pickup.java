package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.time.LocalTime;
import java.util.UUID;

/** A booked uplink pickup at a village post: what the milk run collects, when, and how much. */
public record Pickup(UUID booking, Post post, LocalTime windowStart, LocalTime windowEnd, long weightGrams, int parcels, boolean cold) {
}
