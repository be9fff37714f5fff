package org.povertyalleviation.logisticsbooking.milkrun.domain;

import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a township's milk run is planned from.
 *
 * @param depot      the township station every route starts from and returns to
 * @param pickups    the day's booked uplink pickups at the township's village posts
 * @param vehicles   the vehicles based at the station that work on the day
 * @param locks      pickups (by booking) a dispatcher locked to a vehicle; a lock to a vehicle not on duty is not kept
 * @param driveTimes the drive minutes over the county's roads
 */
public record MilkRunProblem(Post depot, List<Pickup> pickups, List<VehicleOnDuty> vehicles, Map<UUID, UUID> locks, DriveTimes driveTimes) {

    public MilkRunProblem {
        pickups = List.copyOf(pickups);
        vehicles = List.copyOf(vehicles);
        locks = Map.copyOf(locks);
    }
}
