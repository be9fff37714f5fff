package org.povertyalleviation.crowdfunding.delivery.domain;

/**
 * Where a reward's shipment is, as the logistics service names it (logistics.shipment-state-changed.v1). A booking that
 * was cancelled or came back no longer carries the reward: the next dispatch books it again.
 */
public enum ShipmentState {
    BOOKED, PICKED_UP, AT_TOWNSHIP, AT_COUNTY_PARK, HANDED_TO_CARRIER, AT_VILLAGE_POST, DELIVERED, FAILED, RETURNED, CANCELLED;

    /** Whether the booking still carries the reward (or has delivered it). */
    public boolean active() {
        return this != CANCELLED && this != RETURNED;
    }
}
