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
 * The county's roads as a graph over its recorded legs: the shortest drive or distance between two nodes. Where no
 * chain of legs joins them, the straight-line estimate stands in ({@link Place#estimatedDriveMinutesTo}; for distance,
 * the straight line × {@link Place#WINDING}).
 */
public final class Roads {

    private final Map<UUID, Node> nodes = new HashMap<>();
    private final Map<UUID, List<Leg>> legsAt = new HashMap<>();

    public Roads(Collection<Node> nodes, Collection<Leg> legs) {
        nodes.forEach(node -> this.nodes.put(node.id(), node));
        for (Leg leg : legs) {
            legsAt.computeIfAbsent(leg.from(), id -> new ArrayList<>()).add(leg);
            legsAt.computeIfAbsent(leg.to(), id -> new ArrayList<>()).add(leg);
        }
    }

    public int driveMinutes(UUID from, UUID to) {
        Integer shortest = shortest(from, to, Leg::driveMinutes);
        return shortest != null ? shortest : nodes.get(from).place().estimatedDriveMinutesTo(nodes.get(to).place());
    }

    public int distanceMetres(UUID from, UUID to) {
        Integer shortest = shortest(from, to, Leg::distanceMetres);
        return shortest != null ? shortest : (int) Math.ceil(nodes.get(from).place().kilometresTo(nodes.get(to).place()) * Place.WINDING * 1000);
    }

    /** Dijkstra over the legs; null when no chain of legs joins the two nodes. */
    private Integer shortest(UUID from, UUID to, ToIntFunction<Leg> cost) {
        if (from.equals(to)) {
            return 0;
        }
        Map<UUID, Integer> best = new HashMap<>();
        PriorityQueue<Map.Entry<UUID, Integer>> queue = new PriorityQueue<>(Map.Entry.comparingByValue());
        best.put(from, 0);
        queue.add(Map.entry(from, 0));
        while (!queue.isEmpty()) {
            Map.Entry<UUID, Integer> next = queue.poll();
            if (next.getValue() > best.getOrDefault(next.getKey(), Integer.MAX_VALUE)) {
                continue;
            }
            if (next.getKey().equals(to)) {
                return next.getValue();
            }
            for (Leg leg : legsAt.getOrDefault(next.getKey(), List.of())) {
                UUID other = leg.otherEnd(next.getKey());
                int total = next.getValue() + cost.applyAsInt(leg);
                if (total < best.getOrDefault(other, Integer.MAX_VALUE)) {
                    best.put(other, total);
                    queue.add(Map.entry(other, total));
                }
            }
        }
        return null;
    }
}
