package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;

/** A stored milk run plan: who planned it for which township and day, from which station, and the plan itself. */
public record MilkRun(UUID id, CountyCode county, String township, LocalDate day, PlanStatus status, int budgetSeconds, Instant plannedAt,
                      String plannedBy, UUID replanOf, Post depot, PlannedRun run) {

    /** @throws RuleRefusedException 409 once a replan superseded it: a lock or a replan goes on the newest plan */
    public MilkRun requireCurrent() {
        if (status == PlanStatus.SUPERSEDED) {
            throw RuleRefusedException.stateConflict("plan-superseded", "Milk run " + id + " was replanned; change the newest plan");
        }
        return this;
    }

    /** The dispatchers' locks, by booking: what a replan keeps. */
    public Map<UUID, UUID> locks() {
        Map<UUID, UUID> locks = run.routes().stream().flatMap(route -> route.stops().stream()).filter(PlannedRun.PlannedStop::locked)
                .collect(Collectors.toMap(stop -> stop.pickup().booking(), PlannedRun.PlannedStop::lockedVehicle));
        run.unassigned().stream().filter(unplaced -> unplaced.lockedVehicle() != null)
                .forEach(unplaced -> locks.put(unplaced.pickup().booking(), unplaced.lockedVehicle()));
        return locks;
    }

    /**
     * Checks a dispatcher's lock of a pickup of this plan to a vehicle of its routes.
     *
     * @return the pickup, or empty when the plan has no such booking
     * @throws RuleRefusedException 422 naming vehicle for a vehicle not on duty in the plan, or a warm one for a cold pickup
     */
    public Optional<Pickup> lockable(UUID booking, UUID vehicle) {
        requireCurrent();
        Optional<Pickup> pickup = pickup(booking);
        if (pickup.isEmpty()) {
            return pickup;
        }
        VehicleOnDuty onDuty = run.routes().stream().map(PlannedRun.Route::vehicle).filter(candidate -> candidate.id().equals(vehicle)).findFirst()
                .orElseThrow(() -> RuleRefusedException.violated("vehicle-not-on-duty",
                        "Vehicle " + vehicle + " has no route in this milk run (not based at the station, or not working that day)", "vehicle"));
        if (pickup.get().cold() && !onDuty.cold()) {
            throw RuleRefusedException.violated("cold-chain", "A cold pickup goes on a cold vehicle; " + onDuty.plate() + " is not", "vehicle");
        }
        return pickup;
    }

    public Optional<Pickup> pickup(UUID booking) {
        return run.routes().stream().flatMap(route -> route.stops().stream()).map(PlannedRun.PlannedStop::pickup)
                .filter(pickup -> pickup.booking().equals(booking)).findFirst()
                .or(() -> run.unassigned().stream().map(PlannedRun.Unplaced::pickup).filter(pickup -> pickup.booking().equals(booking)).findFirst());
    }
}
