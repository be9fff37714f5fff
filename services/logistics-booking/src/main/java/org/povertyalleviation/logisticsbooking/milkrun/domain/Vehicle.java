package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningListVariable;

/** A vehicle as the solver plans it: its route is the ordered list of its stops, from the station and back. */
@PlanningEntity
public class Vehicle {

    @PlanningId
    private UUID id;
    private VehicleOnDuty onDuty;
    /** When it may leave the station (the day's start, minutes after midnight). */
    private int departure;
    private DriveMatrix drives;
    private MilkRunRules rules;

    @PlanningListVariable(allowsUnassignedValues = true)
    private List<Stop> stops = new ArrayList<>();

    public Vehicle() {
    }

    public Vehicle(VehicleOnDuty onDuty, int departure, DriveMatrix drives, MilkRunRules rules) {
        this.id = onDuty.id();
        this.onDuty = onDuty;
        this.departure = departure;
        this.drives = drives;
        this.rules = rules;
    }

    public UUID getId() {
        return id;
    }

    public VehicleOnDuty getOnDuty() {
        return onDuty;
    }

    public int getDeparture() {
        return departure;
    }

    public boolean isCold() {
        return onDuty.cold();
    }

    public List<Stop> getStops() {
        return stops;
    }

    public void setStops(List<Stop> stops) {
        this.stops = stops;
    }

    public long loadGrams() {
        long grams = 0;
        for (Stop stop : stops) {
            grams += stop.getWeightGrams();
        }
        return grams;
    }

    public int loadParcels() {
        int parcels = 0;
        for (Stop stop : stops) {
            parcels += stop.getParcels();
        }
        return parcels;
    }

    public long capacityGrams() {
        return onDuty.capacityKg() * 1000L;
    }

    /** Kilograms above the capacity, rounded up (0 within it). */
    public int kgOverCapacity() {
        long over = loadGrams() - capacityGrams();
        return over <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (over + 999) / 1000);
    }

    public int parcelsOverCapacity() {
        return Math.max(0, loadParcels() - onDuty.capacityParcels());
    }

    /** The drive from the station through every stop and back, in minutes. */
    public int driveMinutes() {
        int minutes = 0;
        int at = DriveMatrix.DEPOT;
        for (Stop stop : stops) {
            minutes += drives.minutes(at, stop.getPlace());
            at = stop.getPlace();
        }
        return minutes + drives.minutes(at, DriveMatrix.DEPOT);
    }

    /** Minutes from leaving the station to being back; see {@link Trip#routeMinutes()}. */
    public int routeMinutes() {
        if (stops.isEmpty()) {
            return 0;
        }
        Stop last = stops.get(stops.size() - 1);
        Integer lastDeparture = last.getDeparture();
        if (lastDeparture == null) {
            return 0;
        }
        return lastDeparture + drives.minutes(last.getPlace(), DriveMatrix.DEPOT) - leaving(stops.get(0));
    }

    /** The vehicle leaves as late as still reaches its first stop when its window opens, not before the day's start. */
    int leaving(Stop first) {
        return Math.max(departure, first.getWindowStart() - drives.minutes(DriveMatrix.DEPOT, first.getPlace()));
    }

    public int minutesOverWorkingDay() {
        return Math.max(0, routeMinutes() - rules.maxRouteMinutes());
    }

    DriveMatrix drives() {
        return drives;
    }

    MilkRunRules rules() {
        return rules;
    }

    @Override
    public String toString() {
        return onDuty.plate();
    }
}
