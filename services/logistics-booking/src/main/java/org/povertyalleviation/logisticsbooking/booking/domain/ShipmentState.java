package org.povertyalleviation.logisticsbooking.booking.domain;

/** Where a booked shipment is. DELIVERED, RETURNED and CANCELLED end it. */
public enum ShipmentState {
    BOOKED, PICKED_UP, AT_TOWNSHIP, AT_COUNTY_PARK, HANDED_TO_CARRIER, AT_VILLAGE_POST, DELIVERED, FAILED, RETURNED, CANCELLED;

    public boolean closed() {
        return this == DELIVERED || this == RETURNED || this == CANCELLED;
    }
}
