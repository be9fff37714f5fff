package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.util.UUID;

/** A vehicle based at the township station that works on the day. */
public record VehicleOnDuty(UUID id, String plate, int capacityKg, int capacityParcels, boolean cold) {
}
