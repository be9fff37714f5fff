package org.povertyalleviation.logisticsbooking.milkrun.domain;

import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import java.util.UUID;

/** A village post (or the township station a route starts from): a node of the network, where it stands. */
public record Post(UUID node, String name, String villageCode, double latitude, double longitude) {

    public DriveTimes.Place place() {
        return new DriveTimes.Place(node, latitude, longitude);
    }
}
