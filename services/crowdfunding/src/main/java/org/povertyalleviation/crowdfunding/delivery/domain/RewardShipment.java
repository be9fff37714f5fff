package org.povertyalleviation.crowdfunding.delivery.domain;

import java.time.Instant;
import java.util.UUID;

/** A reward's booking with the logistics service and where its shipment was last reported, and when. */
public record RewardShipment(UUID pledge, UUID booking, String lotCode, ShipmentState state, Instant updatedAt) {
}
