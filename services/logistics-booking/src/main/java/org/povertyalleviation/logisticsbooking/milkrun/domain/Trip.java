package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.util.List;

/**
 * A vehicle's route over some stops worked out directly, with the same timing as the solver's shadow variables: the
 * nearest-neighbour baseline builds its routes with it and it explains why a pickup found no place.
 */
final class Trip {

    private final Vehicle vehicle;
    private final int[] arrivals;
    private final int driveMinutes;
    private final int routeMinutes;
    private final long grams;
    private final int parcels;
    private final boolean onTime;
    private final boolean coldKeptCold;

    private Trip(Vehicle vehicle, List<Stop> stops) {
        this.vehicle = vehicle;
        DriveMatrix drives = vehicle.drives();
        arrivals = new int[stops.size()];
        int at = DriveMatrix.DEPOT;
        int time = vehicle.getDeparture();
        int drive = 0;
        long load = 0;
        int count = 0;
        boolean late = false;
        boolean warm = false;
        Stop before = null;
        for (int i = 0; i < stops.size(); i++) {
            Stop stop = stops.get(i);
            drive += drives.minutes(at, stop.getPlace());
            arrivals[i] = stop.arrivalAfter(at, time);
            late |= arrivals[i] > stop.getWindowEnd();
            warm |= stop.isCold() && !vehicle.isCold();
            time = stop.departureAfter(arrivals[i], before);
            load += stop.getWeightGrams();
            count += stop.getParcels();
            at = stop.getPlace();
            before = stop;
        }
        drive += drives.minutes(at, DriveMatrix.DEPOT);
        driveMinutes = drive;
        routeMinutes = stops.isEmpty() ? 0 : time + drives.minutes(at, DriveMatrix.DEPOT) - vehicle.leaving(stops.get(0));
        grams = load;
        parcels = count;
        onTime = !late;
        coldKeptCold = !warm;
    }

    static Trip of(Vehicle vehicle, List<Stop> stops) {
        return new Trip(vehicle, stops);
    }

    int arrival(int position) {
        return arrivals[position];
    }

    int driveMinutes() {
        return driveMinutes;
    }

    /**
     * From leaving the station (as late as still reaches the first stop when its window opens, not before the day's
     * start) to being back.
     */
    int routeMinutes() {
        return routeMinutes;
    }

    boolean withinCapacity() {
        return grams <= vehicle.capacityGrams() && parcels <= vehicle.getOnDuty().capacityParcels();
    }

    boolean onTime() {
        return onTime;
    }

    boolean withinWorkingDay() {
        return routeMinutes <= vehicle.rules().maxRouteMinutes();
    }

    boolean coldKeptCold() {
        return coldKeptCold;
    }

    boolean feasible() {
        return withinCapacity() && onTime && withinWorkingDay() && coldKeptCold;
    }
}
