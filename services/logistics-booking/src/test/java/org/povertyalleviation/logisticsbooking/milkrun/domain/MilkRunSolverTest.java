package org.povertyalleviation.logisticsbooking.milkrun.domain;

import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.timefold.solver.core.config.solver.EnvironmentMode;
import org.junit.jupiter.api.Test;

class MilkRunSolverTest {

    private static final Duration BUDGET = Duration.ofSeconds(1);

    private final Post station = post("station", 33.00, 104.00);
    private final Post north = post("north", 33.05, 104.00);
    private final Post northEast = post("north-east", 33.06, 104.04);
    private final Post east = post("east", 33.00, 104.06);
    private final Post south = post("south", 32.95, 104.01);
    private final Post southWest = post("south-west", 32.94, 103.96);
    private final List<DriveTimes.Road> roads = List.of(
            road(station, north, 14), road(north, northEast, 9), road(northEast, east, 12), road(station, east, 18),
            road(station, south, 12), road(south, southWest, 10), road(southWest, north, 35));

    @Test
    void the_solvers_routes_keep_capacity_windows_and_locks_and_drive_no_more_than_nearest_neighbour() {
        VehicleOnDuty small = new VehicleOnDuty(UUID.randomUUID(), "甘K·A001", 300, 30, false);
        VehicleOnDuty large = new VehicleOnDuty(UUID.randomUUID(), "甘K·A002", 800, 60, false);
        List<Pickup> pickups = new ArrayList<>();
        pickups.add(pickup(north, "08:00", "10:00", 120_000, 8));
        pickups.add(pickup(north, "08:00", "10:00", 60_000, 3));
        pickups.add(pickup(northEast, "09:00", "11:00", 150_000, 10));
        pickups.add(pickup(east, "07:30", "09:00", 200_000, 12));
        pickups.add(pickup(south, "10:00", "12:00", 90_000, 6));
        pickups.add(pickup(southWest, "08:00", "09:30", 250_000, 15));
        pickups.add(pickup(south, "07:00", "08:30", 40_000, 2));
        Pickup locked = pickups.get(4);
        MilkRunProblem problem = problem(pickups, List.of(small, large), Map.of(locked.booking(), small.id()));

        // FULL_ASSERT recalculates the score from scratch after every move: the shadow variables must agree with it.
        PlannedRun run = new MilkRunPlanner(MilkRunRules.DEFAULT, EnvironmentMode.FULL_ASSERT).plan(problem, BUDGET);

        assertThat(run.unassigned()).isEmpty();
        assertThat(run.score().feasible()).isTrue();
        assertThat(run.brokenRules()).isEmpty();
        for (PlannedRun.Route route : run.routes()) {
            assertThat(route.loadGrams()).isLessThanOrEqualTo(route.vehicle().capacityKg() * 1000L);
            assertThat(route.loadParcels()).isLessThanOrEqualTo(route.vehicle().capacityParcels());
            assertThat(route.routeMinutes()).isLessThanOrEqualTo(MilkRunRules.DEFAULT.maxRouteMinutes());
            for (PlannedRun.PlannedStop stop : route.stops()) {
                assertThat(stop.arrival()).as("arrival at %s", stop.pickup().post().name()).isBeforeOrEqualTo(stop.pickup().windowEnd());
            }
        }
        PlannedRun.Route smallRoute = run.routes().stream().filter(route -> route.vehicle().equals(small)).findFirst().orElseThrow();
        assertThat(smallRoute.stops()).anySatisfy(stop -> {
            assertThat(stop.pickup()).isEqualTo(locked);
            assertThat(stop.locked()).isTrue();
        });
        assertThat(run.baselineUnassigned()).isZero();
        assertThat(run.totalDriveMinutes()).isLessThanOrEqualTo(run.baselineDriveMinutes());
        assertThat(run.totalDriveMinutes()).isEqualTo(run.routes().stream().mapToInt(PlannedRun.Route::driveMinutes).sum());
        assertThat(-run.score().soft()).isEqualTo(run.totalDriveMinutes());
    }

    @Test
    void a_pickup_no_vehicle_can_take_is_reported_with_its_reason() {
        VehicleOnDuty van = new VehicleOnDuty(UUID.randomUUID(), "甘K·B001", 500, 40, false);
        Pickup fine = pickup(north, "08:00", "10:00", 50_000, 3);
        Pickup cold = new Pickup(UUID.randomUUID(), east, LocalTime.of(8, 0), LocalTime.of(11, 0), 20_000, 2, true);
        Pickup heavy = pickup(south, "08:00", "11:00", 900_000, 5);
        // Both windows close at 08:05 and the two posts are 40 minutes apart: one van collects one of them.
        Pickup eastAtEight = pickup(east, "08:00", "08:05", 10_000, 1);
        Pickup southWestAtEight = pickup(southWest, "08:00", "08:05", 10_000, 1);

        PlannedRun run = new MilkRunPlanner(MilkRunRules.DEFAULT)
                .plan(problem(List.of(fine, cold, heavy, eastAtEight, southWestAtEight), List.of(van), Map.of()), BUDGET);

        assertThat(run.routes().get(0).stops()).extracting(PlannedRun.PlannedStop::pickup).contains(fine).hasSize(2);
        assertThat(run.unassigned()).hasSize(3);
        assertThat(run.unassigned()).filteredOn(unplaced -> unplaced.pickup().equals(cold)).singleElement()
                .extracting(PlannedRun.Unplaced::reason).isEqualTo(UnplacedReason.COLD);
        assertThat(run.unassigned()).filteredOn(unplaced -> unplaced.pickup().equals(heavy)).singleElement()
                .extracting(PlannedRun.Unplaced::reason).isEqualTo(UnplacedReason.CAPACITY);
        assertThat(run.unassigned()).filteredOn(unplaced -> unplaced.pickup().equals(eastAtEight) || unplaced.pickup().equals(southWestAtEight))
                .singleElement().extracting(PlannedRun.Unplaced::reason).isEqualTo(UnplacedReason.WINDOW);
        assertThat(run.score().medium()).isEqualTo(-3);
        assertThat(run.score().feasible()).isTrue();
    }

    @Test
    void a_lock_that_breaks_a_rule_is_kept_and_the_plan_names_the_broken_rule() {
        VehicleOnDuty van = new VehicleOnDuty(UUID.randomUUID(), "甘K·C001", 100, 40, false);
        Pickup heavy = pickup(north, "08:00", "10:00", 150_000, 3);

        PlannedRun run = new MilkRunPlanner(MilkRunRules.DEFAULT).plan(problem(List.of(heavy), List.of(van), Map.of(heavy.booking(), van.id())), BUDGET);

        assertThat(run.routes().get(0).stops()).extracting(PlannedRun.PlannedStop::pickup).containsExactly(heavy);
        assertThat(run.score().feasible()).isFalse();
        assertThat(run.brokenRules()).containsExactly(new PlannedRun.BrokenRule(MilkRunConstraints.KG_CAPACITY, 1, 50));
    }

    @Test
    void the_day_starts_at_seven_or_early_enough_for_the_first_window() {
        VehicleOnDuty van = new VehicleOnDuty(UUID.randomUUID(), "甘K·D001", 500, 40, false);
        MilkRunPlanner planner = new MilkRunPlanner(MilkRunRules.DEFAULT);

        assertThat(planner.plan(problem(List.of(pickup(north, "09:00", "11:00", 1_000, 1)), List.of(van), Map.of()), BUDGET).dayStart())
                .isEqualTo(LocalTime.of(7, 0));
        // north is 14 minutes from the station.
        PlannedRun early = planner.plan(problem(List.of(pickup(north, "06:30", "07:30", 1_000, 1)), List.of(van), Map.of()), BUDGET);
        assertThat(early.dayStart()).isEqualTo(LocalTime.of(6, 16));
        assertThat(early.routes().get(0).stops().get(0).arrival()).isEqualTo(LocalTime.of(6, 30));
    }

    @Test
    void drive_times_take_the_shortest_road_either_way_and_estimate_where_no_road_connects() {
        DriveTimes.Place a = new DriveTimes.Place(UUID.randomUUID(), 33.00, 104.00);
        DriveTimes.Place b = new DriveTimes.Place(UUID.randomUUID(), 33.02, 104.00);
        DriveTimes.Place c = new DriveTimes.Place(UUID.randomUUID(), 33.04, 104.00);
        DriveTimes.Place island = new DriveTimes.Place(UUID.randomUUID(), 33.10, 104.00);
        DriveTimes times = DriveTimes.over(List.of(a, b, c, island),
                List.of(new DriveTimes.Road(a.node(), b.node(), 10, 5_000), new DriveTimes.Road(c.node(), b.node(), 15, 7_500),
                        new DriveTimes.Road(a.node(), c.node(), 40, 20_000)));

        assertThat(times.minutes(a.node(), c.node())).isEqualTo(25);
        assertThat(times.minutes(c.node(), a.node())).isEqualTo(25);
        assertThat(times.minutes(b.node(), b.node())).isZero();
        assertThat(times.connected(a.node(), island.node())).isFalse();
        // 0.1° of latitude is 11.12 km; × 1.4 = 15.57 km at 30 km/h = 31.1 minutes, rounded up.
        assertThat(times.minutes(a.node(), island.node())).isEqualTo(32);
        assertThat(DriveTimes.haversineKm(33.0, 104.0, 33.1, 104.0)).isCloseTo(11.12, org.assertj.core.data.Offset.offset(0.01));
    }

    private MilkRunProblem problem(List<Pickup> pickups, List<VehicleOnDuty> vehicles, Map<UUID, UUID> locks) {
        List<DriveTimes.Place> places = List.of(station.place(), north.place(), northEast.place(), east.place(), south.place(), southWest.place());
        return new MilkRunProblem(station, pickups, vehicles, locks, DriveTimes.over(places, roads));
    }

    private static Post post(String name, double latitude, double longitude) {
        return new Post(UUID.randomUUID(), name, "621222101201", latitude, longitude);
    }

    private static DriveTimes.Road road(Post from, Post to, int minutes) {
        return new DriveTimes.Road(from.node(), to.node(), minutes, minutes * 500);
    }

    private static Pickup pickup(Post post, String windowStart, String windowEnd, long grams, int parcels) {
        return new Pickup(UUID.randomUUID(), post, LocalTime.parse(windowStart), LocalTime.parse(windowEnd), grams, parcels, false);
    }
}
