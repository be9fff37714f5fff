package org.povertyalleviation.logisticsbooking.milkrun.domain;

import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The drive minutes between the places of one milk run (the station at index 0, then each post once), read from
 * {@link DriveTimes} once so that the solver looks them up in an array.
 */
public final class DriveMatrix {

    public static final int DEPOT = 0;

    private final List<UUID> nodes;
    private final Map<UUID, Integer> index = new HashMap<>();
    private final int[][] minutes;

    public DriveMatrix(UUID depot, List<UUID> posts, DriveTimes driveTimes) {
        nodes = new ArrayList<>();
        nodes.add(depot);
        index.put(depot, DEPOT);
        for (UUID post : posts) {
            if (!index.containsKey(post)) {
                index.put(post, nodes.size());
                nodes.add(post);
            }
        }
        minutes = new int[nodes.size()][nodes.size()];
        for (int from = 0; from < nodes.size(); from++) {
            for (int to = 0; to < nodes.size(); to++) {
                minutes[from][to] = driveTimes.minutes(nodes.get(from), nodes.get(to));
            }
        }
    }

    public int indexOf(UUID node) {
        Integer at = index.get(node);
        if (at == null) {
            throw new IllegalArgumentException("node " + node + " is not a place of this milk run");
        }
        return at;
    }

    public int minutes(int from, int to) {
        return minutes[from][to];
    }
}
