package org.povertyalleviation.logisticsbooking.booking.domain;

import java.util.List;

/** Which way a shipment goes, and the steps it passes on the way. */
public enum Direction {
    /** Produce from a village (or township) up to the county's park and on to a carrier for the buyer. */
    UPLINK(List.of(ShipmentState.BOOKED, ShipmentState.PICKED_UP, ShipmentState.AT_TOWNSHIP, ShipmentState.AT_COUNTY_PARK,
            ShipmentState.HANDED_TO_CARRIER, ShipmentState.DELIVERED)),
    /** Goods from the county's park down to a township station or village post. */
    DOWNLINK(List.of(ShipmentState.BOOKED, ShipmentState.AT_COUNTY_PARK, ShipmentState.AT_TOWNSHIP, ShipmentState.AT_VILLAGE_POST,
            ShipmentState.DELIVERED));

    private final List<ShipmentState> steps;

    Direction(List<ShipmentState> steps) {
        this.steps = steps;
    }

    public List<ShipmentState> steps() {
        return steps;
    }

    /** The step's place in this direction's order; -1 when it is not one of its steps (a failure, a return). */
    public int indexOf(ShipmentState state) {
        return steps.indexOf(state);
    }
}
