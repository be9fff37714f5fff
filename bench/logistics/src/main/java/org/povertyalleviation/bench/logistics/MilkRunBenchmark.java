package org.povertyalleviation.bench.logistics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunPlanner;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunProblem;
import org.povertyalleviation.logisticsbooking.milkrun.domain.MilkRunRules;
import org.povertyalleviation.logisticsbooking.milkrun.domain.Pickup;
import org.povertyalleviation.logisticsbooking.milkrun.domain.PlannedRun;
import org.povertyalleviation.logisticsbooking.milkrun.domain.Post;
import org.povertyalleviation.logisticsbooking.milkrun.domain.VehicleOnDuty;

/**
 * Issue 19's milk runs, measured: a generated mountain township (seeded), its pickups planned by the service's planner
 * with the time budget, against the nearest-neighbour routes of the same pickups. Prints Markdown.
 */
public final class MilkRunBenchmark {

    /** Village posts: 60 pickups at 45 posts, a few villages booking more than once. */
    private static final int POSTS = 45;
    /** The township's villages lie up to this far from the station, in km. */
    private static final double RADIUS_KM = 14;
    /** A post links to one of its three nearest neighbours beyond the tree with this chance: the network's shortcuts. */
    private static final double SHORTCUT_CHANCE = 0.3;
    private static final double KM_PER_DEGREE = 111.2;

    private MilkRunBenchmark() {
    }

    public static void main(String[] arguments) {
        Map<String, String> options = options(arguments);
        long seed = Long.parseLong(options.getOrDefault("seed", "19"));
        int pickups = Integer.parseInt(options.getOrDefault("pickups", "60"));
        int vehicles = Integer.parseInt(options.getOrDefault("vehicles", "4"));
        int budget = Integer.parseInt(options.getOrDefault("budget", "10"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "1"));

        System.out.printf("Milk runs on %s, %d CPUs, Java %s: %d pickups, %d vehicles, a %d s budget%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), pickups, vehicles, budget);
        System.out.println("| seed | posts | roads | solver drive min | baseline drive min | ratio | solver left out | baseline left out "
                + "| min per pickup, solver | min per pickup, baseline | ratio per pickup | vehicles used | solve s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        MilkRunPlanner planner = new MilkRunPlanner(MilkRunRules.DEFAULT);
        double ratios = 0;
        double perPickupRatios = 0;
        for (int run = 0; run < runs; run++) {
            Township township = Township.generate(seed + run, pickups, vehicles);
            long started = System.nanoTime();
            PlannedRun plan = planner.plan(township.problem(), Duration.ofSeconds(budget));
            double seconds = (System.nanoTime() - started) / 1e9;
            long used = plan.routes().stream().filter(route -> !route.stops().isEmpty()).count();
            // The baseline may leave pickups out, which flatters its total: per pickup collected compares like with like.
            double solverPerPickup = (double) plan.totalDriveMinutes() / Math.max(1, plan.assigned());
            double baselinePerPickup = (double) plan.baselineDriveMinutes() / Math.max(1, pickups - plan.baselineUnassigned());
            ratios += plan.ratioToBaseline();
            perPickupRatios += solverPerPickup / baselinePerPickup;
            System.out.printf("| %d | %d | %d | %d | %d | %.2f | %d | %d | %.1f | %.1f | %.2f | %d of %d | %.1f |%n", seed + run, POSTS, township.roads(),
                    plan.totalDriveMinutes(), plan.baselineDriveMinutes(), plan.ratioToBaseline(), plan.unassigned().size(), plan.baselineUnassigned(),
                    solverPerPickup, baselinePerPickup, solverPerPickup / baselinePerPickup, used, vehicles, seconds);
        }
        if (runs > 1) {
            System.out.printf("%nMean over %d townships: ratio %.2f, per pickup %.2f (goal: 0.80 or less)%n", runs, ratios / runs,
                    perPickupRatios / runs);
        }
    }

    /** A generated township: a station, posts around it in the valleys, a sparse road network and the day's pickups. */
    private record Township(MilkRunProblem problem, int roads) {

        static Township generate(long seed, int pickupCount, int vehicleCount) {
            Random random = new Random(seed);
            Post station = new Post(id(random), "镇快递站", null, 33.0, 104.7);
            List<Post> posts = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                double angle = random.nextDouble() * 2 * Math.PI;
                double km = 1.5 + random.nextDouble() * (RADIUS_KM - 1.5);
                double latitude = station.latitude() + km * Math.cos(angle) / KM_PER_DEGREE;
                double longitude = station.longitude() + km * Math.sin(angle) / (KM_PER_DEGREE * Math.cos(Math.toRadians(station.latitude())));
                posts.add(new Post(id(random), "村邮站 " + (i + 1), String.format("621222103%03d", 200 + i), latitude, longitude));
            }
            List<Post> nodes = new ArrayList<>(posts);
            nodes.add(0, station);
            List<DriveTimes.Road> roads = roads(nodes, random);

            List<Pickup> pickups = new ArrayList<>();
            for (int i = 0; i < pickupCount; i++) {
                Post post = i < POSTS ? posts.get(i) : posts.get(random.nextInt(POSTS));
                // Windows open between 07:00 and 10:00 on the half hour and stay open three to five hours.
                LocalTime start = LocalTime.of(7, 0).plusMinutes(30L * random.nextInt(7));
                LocalTime end = start.plusMinutes(180 + 30L * random.nextInt(5));
                pickups.add(new Pickup(id(random), post, start, end, 5_000 + 1_000L * random.nextInt(56), 1 + random.nextInt(8), false));
            }
            List<VehicleOnDuty> vehicles = new ArrayList<>();
            for (int i = 0; i < vehicleCount; i++) {
                vehicles.add(new VehicleOnDuty(id(random), "甘K·M00" + (i + 1), 800, 100, false));
            }
            List<DriveTimes.Place> places = nodes.stream().map(Post::place).toList();
            return new Township(new MilkRunProblem(station, pickups, vehicles, Map.of(), DriveTimes.over(places, roads)), roads.size());
        }

        /**
         * A tree (each node joined to its nearest already joined node, from the station out: roads follow the valleys) plus
         * shortcuts to near neighbours; a road winds 1.3 to 2 times its straight line at 30 km/h.
         */
        private static List<DriveTimes.Road> roads(List<Post> nodes, Random random) {
            List<DriveTimes.Road> roads = new ArrayList<>();
            Set<String> joined = new HashSet<>();
            List<Post> inTree = new ArrayList<>(List.of(nodes.get(0)));
            List<Post> outside = new ArrayList<>(nodes.subList(1, nodes.size()));
            while (!outside.isEmpty()) {
                Post best = null;
                Post to = null;
                double shortest = Double.MAX_VALUE;
                for (Post candidate : outside) {
                    for (Post tree : inTree) {
                        double km = km(candidate, tree);
                        if (km < shortest) {
                            shortest = km;
                            best = candidate;
                            to = tree;
                        }
                    }
                }
                roads.add(road(best, to, random, joined));
                inTree.add(best);
                outside.remove(best);
            }
            for (Post node : nodes) {
                if (random.nextDouble() < SHORTCUT_CHANCE) {
                    List<Post> nearest = nodes.stream().filter(other -> other != node).sorted(Comparator.comparingDouble(other -> km(node, other)))
                            .limit(3).toList();
                    Post other = nearest.get(random.nextInt(nearest.size()));
                    if (!joined.contains(key(node, other))) {
                        roads.add(road(node, other, random, joined));
                    }
                }
            }
            return roads;
        }

        private static DriveTimes.Road road(Post from, Post to, Random random, Set<String> joined) {
            joined.add(key(from, to));
            double winding = 1.3 + random.nextDouble() * 0.7;
            return new DriveTimes.Road(from.node(), to.node(), Math.max(1, (int) Math.ceil(km(from, to) * winding / 30 * 60)),
                    Math.max(1, (int) Math.ceil(km(from, to) * winding * 1000)));
        }

        private static String key(Post a, Post b) {
            return a.node().compareTo(b.node()) < 0 ? a.node() + ":" + b.node() : b.node() + ":" + a.node();
        }

        private static double km(Post a, Post b) {
            return DriveTimes.haversineKm(a.latitude(), a.longitude(), b.latitude(), b.longitude());
        }

        private static UUID id(Random random) {
            return new UUID(random.nextLong(), random.nextLong());
        }
    }

    private static Map<String, String> options(String[] arguments) {
        Map<String, String> options = new HashMap<>();
        for (String argument : arguments) {
            if (argument.equals("--help")) {
                System.out.println("bench/logistics/run.sh [--seed=19] [--pickups=60] [--vehicles=4] [--budget=10] [--runs=1]");
                System.exit(0);
            }
            if (!argument.startsWith("--") || !argument.contains("=")) {
                throw new IllegalArgumentException("options are --name=value: " + argument);
            }
            options.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        return options;
    }
}
