package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A milk run as planned: a route per vehicle on duty (an idle one has no stops), the pickups no route could take with
 * the reason, the totals against the nearest-neighbour baseline and the solver's score.
 *
 * @param dayStart             when the vehicles may leave the station: 07:00, or earlier when a window needs it
 * @param baselineDriveMinutes the nearest-neighbour routes' drive minutes
 * @param baselineUnassigned   the pickups the nearest-neighbour routes left out
 * @param brokenRules          the hard rules the plan breaks (only where a dispatcher's lock forces it), empty otherwise
 */
public record PlannedRun(LocalTime dayStart, List<Route> routes, List<Unplaced> unassigned, int totalDriveMinutes, int baselineDriveMinutes,
                         int baselineUnassigned, Score score, List<BrokenRule> brokenRules) {

    public PlannedRun {
        routes = List.copyOf(routes);
        unassigned = List.copyOf(unassigned);
        brokenRules = List.copyOf(brokenRules);
    }

    /** One vehicle's route. @param leaving when it leaves the station, @param back when it is back */
    public record Route(VehicleOnDuty vehicle, LocalTime leaving, LocalTime back, int driveMinutes, int routeMinutes, long loadGrams,
                        int loadParcels, List<PlannedStop> stops) {

        public Route {
            stops = List.copyOf(stops);
        }
    }

    /** A pickup on a route. @param lockedVehicle the vehicle a dispatcher locked it to, or null */
    public record PlannedStop(Pickup pickup, LocalTime arrival, UUID lockedVehicle) {

        public boolean locked() {
            return lockedVehicle != null;
        }
    }

    /** A pickup no route takes, and why. */
    public record Unplaced(Pickup pickup, UnplacedReason reason, String message, UUID lockedVehicle) {
    }

    /** A hard rule the plan breaks: how often, and its penalty. */
    public record BrokenRule(String rule, int matches, int hardPenalty) {
    }

    /** The solver's score: hard (rules), medium (pickups left out), soft (drive minutes), each ≤ 0. */
    public record Score(int hard, int medium, int soft) {

        public boolean feasible() {
            return hard >= 0;
        }
    }

    /** The plan's drive minutes over the baseline's; null when the baseline drives nothing. */
    public Double ratioToBaseline() {
        return ratio(totalDriveMinutes, baselineDriveMinutes);
    }

    /** Drive minutes over the baseline's, to two decimals; null when the baseline drives nothing. */
    static Double ratio(int driveMinutes, int baselineDriveMinutes) {
        return baselineDriveMinutes == 0 ? null : Math.round(100.0 * driveMinutes / baselineDriveMinutes) / 100.0;
    }

    public int assigned() {
        return routes.stream().mapToInt(route -> route.stops().size()).sum();
    }
}
