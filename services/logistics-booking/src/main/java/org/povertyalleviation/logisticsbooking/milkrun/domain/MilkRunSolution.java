package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

/**
 * A township's milk run for a day as the solver sees it: the vehicles on duty and the pickups to place. Hard: the
 * rules of the road (capacity, windows, working day, cold chain, dispatchers' locks); medium: every pickup collected;
 * soft: the drive minutes.
 */
@PlanningSolution
public class MilkRunSolution {

    @PlanningEntityCollectionProperty
    private List<Vehicle> vehicles;
    @PlanningEntityCollectionProperty
    @ValueRangeProvider
    private List<Stop> stops;
    @PlanningScore
    private HardMediumSoftScore score;

    public MilkRunSolution() {
    }

    public MilkRunSolution(List<Vehicle> vehicles, List<Stop> stops) {
        this.vehicles = vehicles;
        this.stops = stops;
    }

    public List<Vehicle> getVehicles() {
        return vehicles;
    }

    public List<Stop> getStops() {
        return stops;
    }

    public HardMediumSoftScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftScore score) {
        this.score = score;
    }
}
