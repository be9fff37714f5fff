package org.povertyalleviation.logisticsbooking.network.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * Drives between the county's nodes: the shortest path over its roads (legs, driven either way), by drive minutes or by
 * distance, and where the network does not connect two nodes, an estimate from their coordinates: the great-circle
 * distance times {@value #WINDING_FACTOR} (mountain roads wind; Longnan's recorded legs run 1.3–1.6× the straight line)
 * at {@value #MOUNTAIN_ROAD_KMH} km/h, rounded up to whole minutes. A road the county has not recorded yet is still
 * driven; the estimate keeps a post without legs plannable. Plain Java without the platform (the milk-run benchmark
 * compiles it with the planner).
 */
public final class DriveTimes {

    /** A node where a vehicle can stop, with its coordinates. */
    public record Place(UUID node, double latitude, double longitude) {
    }

    /** A road between two nodes (a leg), driven either way in the same time. */
    public record Road(UUID from, UUID to, int minutes, int metres) {

        public Road {
            if (minutes <= 0) {
                throw new IllegalArgumentException("a road takes some minutes: " + minutes);
            }
            if (metres <= 0) {
                throw new IllegalArgumentException("a road has some length: " + metres);
            }
        }
    }

    /** How much longer a mountain road is than the straight line. */
    public static final double WINDING_FACTOR = 1.4;
    /** The average speed on a township's mountain roads. */
    public static final double MOUNTAIN_ROAD_KMH = 30;
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final Map<UUID, Place> places = new HashMap<>();
    private final Map<UUID, List<Road>> roadsFrom = new HashMap<>();
    private final Map<UUID, Map<UUID, Integer>> minutesFrom = new HashMap<>();
    private final Map<UUID, Map<UUID, Integer>> metresFrom = new HashMap<>();

    private DriveTimes(Collection<Place> places, Collection<Road> roads) {
        for (Place place : places) {
            this.places.put(place.node(), place);
        }
        for (Road road : roads) {
            roadsFrom.computeIfAbsent(road.from(), node -> new ArrayList<>()).add(road);
            roadsFrom.computeIfAbsent(road.to(), node -> new ArrayList<>()).add(new Road(road.to(), road.from(), road.minutes(), road.metres()));
        }
    }

    /** @param places every node a route may start, stop or pass at; @param roads the legs between them */
    public static DriveTimes over(Collection<Place> places, Collection<Road> roads) {
        return new DriveTimes(places, roads);
    }

    /** The drive from one node to another in minutes: by road when the network connects them, else the estimate. */
    public int minutes(UUID from, UUID to) {
        if (from.equals(to)) {
            return 0;
        }
        Integer byRoad = minutesFrom.computeIfAbsent(from, source -> dijkstra(source, Road::minutes)).get(to);
        return byRoad != null ? byRoad : estimatedMinutes(place(from), place(to));
    }

    /** The shortest road from one node to another in metres, else the straight line × the winding factor. */
    public int metres(UUID from, UUID to) {
        if (from.equals(to)) {
            return 0;
        }
        Integer byRoad = metresFrom.computeIfAbsent(from, source -> dijkstra(source, Road::metres)).get(to);
        return byRoad != null ? byRoad : (int) Math.ceil(haversineKm(place(from), place(to)) * WINDING_FACTOR * 1000);
    }

    /** Whether the roads connect the two nodes (else {@link #minutes} is the estimate). */
    public boolean connected(UUID from, UUID to) {
        return from.equals(to) || minutesFrom.computeIfAbsent(from, source -> dijkstra(source, Road::minutes)).containsKey(to);
    }

    /** The estimate for two nodes no road connects: great-circle km × 1.4 at 30 km/h, whole minutes rounded up. */
    public static int estimatedMinutes(Place from, Place to) {
        return (int) Math.ceil(haversineKm(from, to) * WINDING_FACTOR / MOUNTAIN_ROAD_KMH * 60 - 1e-9);
    }

    public static double haversineKm(Place from, Place to) {
        return haversineKm(from.latitude(), from.longitude(), to.latitude(), to.longitude());
    }

    /** The great-circle distance between two coordinates in km. */
    public static double haversineKm(double latitude1, double longitude1, double latitude2, double longitude2) {
        double dLatitude = Math.toRadians(latitude2 - latitude1);
        double dLongitude = Math.toRadians(longitude2 - longitude1);
        double a = Math.pow(Math.sin(dLatitude / 2), 2)
                + Math.cos(Math.toRadians(latitude1)) * Math.cos(Math.toRadians(latitude2)) * Math.pow(Math.sin(dLongitude / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private Place place(UUID node) {
        Place place = places.get(node);
        if (place == null) {
            throw new IllegalArgumentException("node " + node + " has no coordinates");
        }
        return place;
    }

    /** Shortest cost from the node to every node the roads reach. */
    private Map<UUID, Integer> dijkstra(UUID source, ToIntFunction<Road> cost) {
        Map<UUID, Integer> settled = new HashMap<>();
        PriorityQueue<Map.Entry<UUID, Integer>> queue = new PriorityQueue<>(Map.Entry.comparingByValue());
        queue.add(Map.entry(source, 0));
        while (!queue.isEmpty()) {
            Map.Entry<UUID, Integer> next = queue.poll();
            if (settled.containsKey(next.getKey())) {
                continue;
            }
            settled.put(next.getKey(), next.getValue());
            for (Road road : roadsFrom.getOrDefault(next.getKey(), List.of())) {
                if (!settled.containsKey(road.to())) {
                    queue.add(Map.entry(road.to(), next.getValue() + cost.applyAsInt(road)));
                }
            }
        }
        return settled;
    }
}
