package org.povertyalleviation.logisticsbooking.booking.domain;

/** A pickup window takes produce up (uplink); a delivery window brings goods down to the node (downlink). */
public enum SlotKind {
    PICKUP, DELIVERY;

    public Direction direction() {
        return this == PICKUP ? Direction.UPLINK : Direction.DOWNLINK;
    }
}
