package org.povertyalleviation.logisticsbooking.milkrun.domain;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/** The milk run's rules as constraint streams; their names are what a plan reports when one is broken. */
public class MilkRunConstraints implements ConstraintProvider {

    public static final String KG_CAPACITY = "vehicle kg capacity";
    public static final String PARCEL_CAPACITY = "vehicle parcel capacity";
    public static final String PICKUP_WINDOW = "pickup window";
    public static final String WORKING_DAY = "route within the working day";
    public static final String COLD_CHAIN = "cold pickup on a cold vehicle";
    public static final String LOCKED_VEHICLE = "locked stop on its vehicle";
    public static final String EVERY_PICKUP = "every pickup collected";
    public static final String DRIVE_MINUTES = "drive minutes";

    /**
     * A dispatcher's lock outweighs any lateness or overload it causes: the plan then reports those as broken rather
     * than move the stop.
     */
    static final int LOCK_WEIGHT = 100_000;

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {kgCapacity(factory), parcelCapacity(factory), pickupWindow(factory), workingDay(factory),
                coldChain(factory), lockedVehicle(factory), everyPickup(factory), driveMinutes(factory)};
    }

    Constraint kgCapacity(ConstraintFactory factory) {
        return factory.forEach(Vehicle.class).filter(vehicle -> vehicle.kgOverCapacity() > 0)
                .penalize(HardMediumSoftScore.ONE_HARD, Vehicle::kgOverCapacity).asConstraint(KG_CAPACITY);
    }

    Constraint parcelCapacity(ConstraintFactory factory) {
        return factory.forEach(Vehicle.class).filter(vehicle -> vehicle.parcelsOverCapacity() > 0)
                .penalize(HardMediumSoftScore.ONE_HARD, Vehicle::parcelsOverCapacity).asConstraint(PARCEL_CAPACITY);
    }

    /** Arriving after the window's end is late by so many minutes; arriving early waits for the window. */
    Constraint pickupWindow(ConstraintFactory factory) {
        return factory.forEach(Stop.class).filter(stop -> stop.minutesLate() > 0)
                .penalize(HardMediumSoftScore.ONE_HARD, Stop::minutesLate).asConstraint(PICKUP_WINDOW);
    }

    Constraint workingDay(ConstraintFactory factory) {
        return factory.forEach(Vehicle.class).filter(vehicle -> vehicle.minutesOverWorkingDay() > 0)
                .penalize(HardMediumSoftScore.ONE_HARD, Vehicle::minutesOverWorkingDay).asConstraint(WORKING_DAY);
    }

    Constraint coldChain(ConstraintFactory factory) {
        return factory.forEach(Stop.class).filter(Stop::onWarmVehicleWhileCold)
                .penalize(HardMediumSoftScore.ofHard(1000)).asConstraint(COLD_CHAIN);
    }

    Constraint lockedVehicle(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Stop.class).filter(Stop::offItsLockedVehicle)
                .penalize(HardMediumSoftScore.ofHard(LOCK_WEIGHT)).asConstraint(LOCKED_VEHICLE);
    }

    Constraint everyPickup(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Stop.class).filter(stop -> stop.getVehicle() == null)
                .penalize(HardMediumSoftScore.ONE_MEDIUM).asConstraint(EVERY_PICKUP);
    }

    /** The drive of every route, the return to the station included. */
    Constraint driveMinutes(ConstraintFactory factory) {
        return factory.forEach(Vehicle.class).filter(vehicle -> !vehicle.getStops().isEmpty())
                .penalize(HardMediumSoftScore.ONE_SOFT, Vehicle::driveMinutes).asConstraint(DRIVE_MINUTES);
    }
}
