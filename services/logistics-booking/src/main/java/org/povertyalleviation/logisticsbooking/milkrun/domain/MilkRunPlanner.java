package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * Plans a township's milk run: the nearest-neighbour routes first (the baseline, and the solver's starting point, so
 * the plan is never worse than the baseline by the solver's score), then Timefold's local search within the time
 * budget, stopping early once it has not improved for a third of the budget (at least a second). Blocking: callers on
 * an event loop run it elsewhere. Thread-safe: each plan builds its own solver.
 */
public final class MilkRunPlanner {

    public static final int MIN_BUDGET_SECONDS = 1;
    public static final int MAX_BUDGET_SECONDS = 60;

    private final MilkRunRules rules;
    private final SolverFactory<MilkRunSolution> solverFactory;
    private final SolutionManager<MilkRunSolution, HardMediumSoftScore> solutions;

    public MilkRunPlanner(MilkRunRules rules) {
        this(rules, EnvironmentMode.PHASE_ASSERT);
    }

    /** With another environment mode: tests run FULL_ASSERT to check the shadow variables against a full recalculation. */
    MilkRunPlanner(MilkRunRules rules, EnvironmentMode mode) {
        this.rules = rules;
        this.solverFactory = SolverFactory.create(new SolverConfig()
                .withSolutionClass(MilkRunSolution.class)
                .withEntityClasses(Vehicle.class, Stop.class)
                .withConstraintProviderClass(MilkRunConstraints.class)
                .withEnvironmentMode(mode)
                .withTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofSeconds(MAX_BUDGET_SECONDS))));
        this.solutions = SolutionManager.create(solverFactory);
    }

    public MilkRunRules rules() {
        return rules;
    }

    public PlannedRun plan(MilkRunProblem problem, Duration budget) {
        List<Pickup> pickups = problem.pickups().stream().sorted(Comparator.comparing(Pickup::booking)).toList();
        DriveMatrix drives = new DriveMatrix(problem.depot().node(), pickups.stream().map(pickup -> pickup.post().node()).toList(),
                problem.driveTimes());
        int dayStart = dayStart(pickups, drives);
        List<Vehicle> vehicles = problem.vehicles().stream().sorted(Comparator.comparing(VehicleOnDuty::plate).thenComparing(VehicleOnDuty::id))
                .map(onDuty -> new Vehicle(onDuty, dayStart, drives, rules)).toList();
        Set<UUID> onDuty = vehicles.stream().map(Vehicle::getId).collect(Collectors.toSet());
        List<Stop> stops = pickups.stream().map(pickup -> {
            UUID lock = problem.locks().get(pickup.booking());
            return new Stop(pickup, lock != null && onDuty.contains(lock) ? lock : null, drives, rules);
        }).toList();

        NearestNeighbour.Routes baseline = NearestNeighbour.plan(vehicles, stops);
        MilkRunSolution start = startingFrom(baseline, vehicles, stops);
        MilkRunSolution best = stops.isEmpty() || vehicles.isEmpty() ? start : solve(start, budget);
        return result(best, dayStart, baseline);
    }

    /**
     * The day starts at {@link MilkRunRules#latestStart()} or earlier, so that a vehicle leaving then reaches the earliest
     * window when it opens; never before midnight.
     */
    private int dayStart(List<Pickup> pickups, DriveMatrix drives) {
        int start = rules.latestStart().toSecondOfDay() / 60;
        for (Pickup pickup : pickups) {
            int windowStart = pickup.windowStart().toSecondOfDay() / 60;
            start = Math.min(start, windowStart - drives.minutes(DriveMatrix.DEPOT, drives.indexOf(pickup.post().node())));
        }
        return Math.max(0, start);
    }

    /** The baseline's routes; a locked stop the baseline could not place is put at the end of its vehicle's route. */
    private static MilkRunSolution startingFrom(NearestNeighbour.Routes baseline, List<Vehicle> vehicles, List<Stop> stops) {
        for (Vehicle vehicle : vehicles) {
            List<Stop> route = new ArrayList<>(baseline.routes().get(vehicle));
            baseline.left().stream().filter(stop -> vehicle.getId().equals(stop.getLockedVehicle())).forEach(route::add);
            vehicle.setStops(route);
        }
        return new MilkRunSolution(vehicles, stops);
    }

    private MilkRunSolution solve(MilkRunSolution start, Duration budget) {
        Duration unimproved = Duration.ofMillis(Math.max(1000, budget.toMillis() / 3));
        return solverFactory.buildSolver(new SolverConfigOverride<MilkRunSolution>()
                        .withTerminationConfig(new TerminationConfig().withSpentLimit(budget).withUnimprovedSpentLimit(unimproved)))
                .solve(start);
    }

    private PlannedRun result(MilkRunSolution best, int dayStart, NearestNeighbour.Routes baseline) {
        List<PlannedRun.Route> routes = new ArrayList<>();
        int totalDrive = 0;
        for (Vehicle vehicle : best.getVehicles()) {
            List<Stop> stops = vehicle.getStops();
            Trip trip = Trip.of(vehicle, stops);
            List<PlannedRun.PlannedStop> planned = new ArrayList<>();
            for (int i = 0; i < stops.size(); i++) {
                planned.add(new PlannedRun.PlannedStop(stops.get(i).getPickup(), time(trip.arrival(i)), stops.get(i).getLockedVehicle()));
            }
            int leaving = stops.isEmpty() ? dayStart : vehicle.leaving(stops.get(0));
            int drive = stops.isEmpty() ? 0 : trip.driveMinutes();
            totalDrive += drive;
            routes.add(new PlannedRun.Route(vehicle.getOnDuty(), time(leaving), time(leaving + trip.routeMinutes()), drive, trip.routeMinutes(),
                    vehicle.loadGrams(), vehicle.loadParcels(), planned));
        }
        List<PlannedRun.Unplaced> unplaced = best.getStops().stream().filter(stop -> !onARoute(best, stop))
                .map(stop -> explain(stop, best.getVehicles())).toList();
        HardMediumSoftScore score = solutions.update(best);
        return new PlannedRun(time(dayStart), routes, unplaced, totalDrive, baseline.driveMinutes(), baseline.left().size(),
                new PlannedRun.Score(score.hardScore(), score.mediumScore(), score.softScore()),
                score.hardScore() < 0 ? brokenRules(best) : List.of());
    }

    private static boolean onARoute(MilkRunSolution solution, Stop stop) {
        return solution.getVehicles().stream().anyMatch(vehicle -> vehicle.getStops().contains(stop));
    }

    private List<PlannedRun.BrokenRule> brokenRules(MilkRunSolution solution) {
        ScoreAnalysis<HardMediumSoftScore> analysis = solutions.analyze(solution, ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
        return analysis.constraintMap().values().stream()
                .filter(constraint -> constraint.score().hardScore() < 0)
                .sorted(Comparator.comparing(ConstraintAnalysis::constraintName))
                .map(constraint -> new PlannedRun.BrokenRule(constraint.constraintName(), constraint.matchCount(), -constraint.score().hardScore()))
                .toList();
    }

    /** Why no route takes the stop: what it asks of any vehicle on its own first, then what the planned routes leave. */
    private static PlannedRun.Unplaced explain(Stop stop, List<Vehicle> vehicles) {
        Pickup pickup = stop.getPickup();
        List<Vehicle> cold = vehicles.stream().filter(vehicle -> !stop.isCold() || vehicle.isCold()).toList();
        if (cold.isEmpty()) {
            return unplaced(stop, UnplacedReason.COLD, "A cold pickup, and no cold vehicle works at the station that day");
        }
        List<Vehicle> big = cold.stream().filter(vehicle -> Trip.of(vehicle, List.of(stop)).withinCapacity()).toList();
        if (big.isEmpty()) {
            return unplaced(stop, UnplacedReason.CAPACITY, String.format("%.1f kg in %d parcels: more than any vehicle on duty carries",
                    pickup.weightGrams() / 1000.0, pickup.parcels()));
        }
        List<Vehicle> reaching = big.stream().filter(vehicle -> Trip.of(vehicle, List.of(stop)).onTime()).toList();
        if (reaching.isEmpty()) {
            Vehicle any = big.get(0);
            return unplaced(stop, UnplacedReason.WINDOW, "The post is " + any.drives().minutes(DriveMatrix.DEPOT, stop.getPlace())
                    + " minutes from the station: leaving at " + time(any.getDeparture()) + " a vehicle arrives at "
                    + time(Trip.of(any, List.of(stop)).arrival(0)) + ", after the window ends at " + pickup.windowEnd());
        }
        if (reaching.stream().noneMatch(vehicle -> Trip.of(vehicle, List.of(stop)).withinWorkingDay())) {
            return unplaced(stop, UnplacedReason.WORKING_DAY, "The round trip to the post is longer than a working day of "
                    + reaching.get(0).rules().maxRouteMinutes() + " minutes");
        }
        int late = 0;
        int tooLong = 0;
        boolean roomLeft = false;
        for (Vehicle vehicle : reaching) {
            List<Stop> with = new ArrayList<>(vehicle.getStops());
            with.add(stop);
            if (!Trip.of(vehicle, with).withinCapacity()) {
                continue;
            }
            roomLeft = true;
            for (int position = 0; position <= vehicle.getStops().size(); position++) {
                List<Stop> inserted = new ArrayList<>(vehicle.getStops());
                inserted.add(position, stop);
                Trip trip = Trip.of(vehicle, inserted);
                if (trip.feasible()) {
                    return unplaced(stop, UnplacedReason.NOT_PLACED, "It fits on " + vehicle + "'s route; a longer budget may place it");
                }
                late += trip.onTime() ? 0 : 1;
                tooLong += trip.withinWorkingDay() ? 0 : 1;
            }
        }
        if (!roomLeft) {
            return unplaced(stop, UnplacedReason.CAPACITY, "Every vehicle that could take it is full");
        }
        return late >= tooLong
                ? unplaced(stop, UnplacedReason.WINDOW, "With their other stops no vehicle reaches the post, or its later stops, within the windows")
                : unplaced(stop, UnplacedReason.WORKING_DAY, "With their other stops every vehicle's route would be longer than a working day");
    }

    private static PlannedRun.Unplaced unplaced(Stop stop, UnplacedReason reason, String message) {
        return new PlannedRun.Unplaced(stop.getPickup(), reason, message, stop.getLockedVehicle());
    }

    /** Minutes after midnight as a time of day (a plan stays within its day: the latest window ends before midnight). */
    static LocalTime time(int minutes) {
        return LocalTime.of(Math.floorMod(minutes, 24 * 60) / 60, Math.floorMod(minutes, 60));
    }
}
