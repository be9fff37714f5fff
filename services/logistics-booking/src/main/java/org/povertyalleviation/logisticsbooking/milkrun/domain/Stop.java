package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.util.UUID;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.InverseRelationShadowVariable;
import ai.timefold.solver.core.api.domain.variable.PreviousElementShadowVariable;
import ai.timefold.solver.core.api.domain.variable.ShadowSources;
import ai.timefold.solver.core.api.domain.variable.ShadowVariable;
import ai.timefold.solver.core.api.domain.variable.ShadowVariablesInconsistent;

/**
 * One pickup as the solver plans it: an element of a vehicle's route. Times are minutes after midnight. The vehicle,
 * the stop before it, its arrival and its departure follow from the routes (shadow variables).
 */
@PlanningEntity
public class Stop {

    @PlanningId
    private UUID booking;
    private Pickup pickup;
    private int place;
    private int windowStart;
    private int windowEnd;
    /** The vehicle a dispatcher locked the pickup to, or null. */
    private UUID lockedVehicle;
    private DriveMatrix drives;
    private MilkRunRules rules;

    @InverseRelationShadowVariable(sourceVariableName = "stops")
    private Vehicle vehicle;
    @PreviousElementShadowVariable(sourceVariableName = "stops")
    private Stop previousStop;
    @ShadowVariable(supplierName = "arrivalSupplier")
    private Integer arrival;
    @ShadowVariable(supplierName = "departureSupplier")
    private Integer departure;
    @ShadowVariablesInconsistent
    private boolean inconsistent;

    public Stop() {
    }

    public Stop(Pickup pickup, UUID lockedVehicle, DriveMatrix drives, MilkRunRules rules) {
        this.booking = pickup.booking();
        this.pickup = pickup;
        this.place = drives.indexOf(pickup.post().node());
        this.windowStart = pickup.windowStart().toSecondOfDay() / 60;
        this.windowEnd = pickup.windowEnd().toSecondOfDay() / 60;
        this.lockedVehicle = lockedVehicle;
        this.drives = drives;
        this.rules = rules;
    }

    @ShadowSources({"vehicle", "previousStop.departure"})
    private Integer arrivalSupplier() {
        if (vehicle == null) {
            return null;
        }
        if (previousStop == null) {
            return arrivalAfter(DriveMatrix.DEPOT, vehicle.getDeparture());
        }
        return previousStop.departure == null ? null : arrivalAfter(previousStop.place, previousStop.departure);
    }

    @ShadowSources({"arrival", "previousStop"})
    private Integer departureSupplier() {
        return arrival == null ? null : departureAfter(arrival, previousStop);
    }

    /** When the vehicle gets here, leaving {@code from} at {@code leaving}. */
    int arrivalAfter(int from, int leaving) {
        return leaving + drives.minutes(from, place);
    }

    /** When it leaves, having arrived then after {@code before} (null: from the station): waits for the window, then loads. */
    int departureAfter(int arrivedAt, Stop before) {
        boolean samePost = before != null && before.place == place;
        return Math.max(arrivedAt, windowStart) + rules.serviceMinutes(pickup.parcels(), samePost);
    }

    public UUID getBooking() {
        return booking;
    }

    public Pickup getPickup() {
        return pickup;
    }

    public int getPlace() {
        return place;
    }

    public int getWindowStart() {
        return windowStart;
    }

    public int getWindowEnd() {
        return windowEnd;
    }

    public long getWeightGrams() {
        return pickup.weightGrams();
    }

    public int getParcels() {
        return pickup.parcels();
    }

    public boolean isCold() {
        return pickup.cold();
    }

    public UUID getLockedVehicle() {
        return lockedVehicle;
    }

    public Vehicle getVehicle() {
        return vehicle;
    }

    public void setVehicle(Vehicle vehicle) {
        this.vehicle = vehicle;
    }

    public Stop getPreviousStop() {
        return previousStop;
    }

    public void setPreviousStop(Stop previousStop) {
        this.previousStop = previousStop;
    }

    public Integer getArrival() {
        return arrival;
    }

    public void setArrival(Integer arrival) {
        this.arrival = arrival;
    }

    public Integer getDeparture() {
        return departure;
    }

    public void setDeparture(Integer departure) {
        this.departure = departure;
    }

    public boolean isInconsistent() {
        return inconsistent;
    }

    /** Minutes past the window's end on arrival (0 when on time or not planned). */
    public int minutesLate() {
        return arrival == null ? 0 : Math.max(0, arrival - windowEnd);
    }

    /** Whether it is planned away from the vehicle a dispatcher locked it to (or not at all). */
    public boolean offItsLockedVehicle() {
        return lockedVehicle != null && (vehicle == null || !vehicle.getId().equals(lockedVehicle));
    }

    public boolean onWarmVehicleWhileCold() {
        return pickup.cold() && vehicle != null && !vehicle.isCold();
    }

    @Override
    public String toString() {
        return booking.toString();
    }
}
