package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a dispatcher would draw by hand: each vehicle in turn leaves the station and drives to the nearest
 * pickup it can still take (room, window, working day, cold chain, and not locked to another vehicle) until none is
 * left that it can, then returns; the next vehicle takes what is left. Ties go to the earlier window end.
 */
public final class NearestNeighbour {

    /** The baseline's routes (a list per vehicle, in the vehicles' order), what it left out, and its drive minutes. */
    public record Routes(Map<Vehicle, List<Stop>> routes, List<Stop> left, int driveMinutes) {
    }

    private NearestNeighbour() {
    }

    public static Routes plan(List<Vehicle> vehicles, List<Stop> stops) {
        List<Stop> unvisited = new ArrayList<>(stops);
        Map<Vehicle, List<Stop>> routes = new LinkedHashMap<>();
        int drive = 0;
        for (Vehicle vehicle : vehicles) {
            List<Stop> route = new ArrayList<>();
            while (true) {
                int at = route.isEmpty() ? DriveMatrix.DEPOT : route.get(route.size() - 1).getPlace();
                Stop next = unvisited.stream()
                        .filter(stop -> stop.getLockedVehicle() == null || stop.getLockedVehicle().equals(vehicle.getId()))
                        .filter(stop -> fits(vehicle, route, stop))
                        .min(Comparator.<Stop>comparingInt(stop -> vehicle.drives().minutes(at, stop.getPlace()))
                                .thenComparingInt(Stop::getWindowEnd).thenComparing(Stop::getBooking))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                route.add(next);
                unvisited.remove(next);
            }
            routes.put(vehicle, route);
            drive += route.isEmpty() ? 0 : Trip.of(vehicle, route).driveMinutes();
        }
        return new Routes(routes, unvisited, drive);
    }

    private static boolean fits(Vehicle vehicle, List<Stop> route, Stop stop) {
        List<Stop> longer = new ArrayList<>(route);
        longer.add(stop);
        return Trip.of(vehicle, longer).feasible();
    }
}
