package org.povertyalleviation.logisticsbooking.network.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * Which villages have the network within a drive time. A village with a post of its own is covered (0 minutes). Any
 * other village is covered when a village post or township station lies within the drive time of it, estimated from
 * where the county registry placed the village ({@link Place#estimatedDriveMinutesTo}); a village the registry has no
 * place for cannot be judged and is a gap until it has one.
 */
public final class Coverage {

    public static final int MAX_MINUTES = 24 * 60;

    /** A village as the county copy knows it, with its place if the county registry gave one. */
    public record Village(String code, String township, String nameZh, boolean poor, Place place) {
    }

    public enum Reason { OWN_POST, WITHIN_REACH, TOO_FAR, NO_PLACE, NO_NODES }

    /** One village's coverage: the nearest node and its estimated drive (null when it could not be judged). */
    public record VillageCoverage(Village village, boolean covered, Reason reason, UUID nearestNode, String nearestNodeName,
                                  Integer minutes) {
    }

    public record Result(int withinMinutes, List<VillageCoverage> villages) {

        public long covered() {
            return villages.stream().filter(VillageCoverage::covered).count();
        }

        public List<VillageCoverage> gaps() {
            return villages.stream().filter(coverage -> !coverage.covered()).toList();
        }

        public long poorVillagesUncovered() {
            return villages.stream().filter(coverage -> !coverage.covered() && coverage.village().poor()).count();
        }
    }

    private Coverage() {
    }

    public static Result of(int withinMinutes, List<Village> villages, List<Node> nodes) {
        if (withinMinutes < 0 || withinMinutes > MAX_MINUTES) {
            throw new InvalidValueException("withinMinutes", "must be 0 to " + MAX_MINUTES);
        }
        Map<String, Node> posts = nodes.stream().filter(node -> node.level() == NodeLevel.VILLAGE_POST)
                .collect(Collectors.toMap(node -> node.village().value(), Function.identity()));
        List<Node> reachable = nodes.stream().filter(node -> node.level() != NodeLevel.COUNTY_PARK).toList();
        return new Result(withinMinutes, villages.stream()
                .sorted(Comparator.comparing(Village::code))
                .map(village -> judge(village, withinMinutes, posts.get(village.code()), reachable)).toList());
    }

    private static VillageCoverage judge(Village village, int within, Node ownPost, List<Node> reachable) {
        if (ownPost != null) {
            return new VillageCoverage(village, true, Reason.OWN_POST, ownPost.id(), ownPost.name(), 0);
        }
        if (village.place() == null) {
            return new VillageCoverage(village, false, Reason.NO_PLACE, null, null, null);
        }
        Optional<Node> nearest = reachable.stream().min(Comparator.comparingDouble(node -> node.place().kilometresTo(village.place())));
        if (nearest.isEmpty()) {
            return new VillageCoverage(village, false, Reason.NO_NODES, null, null, null);
        }
        int minutes = village.place().estimatedDriveMinutesTo(nearest.get().place());
        boolean covered = minutes <= within;
        return new VillageCoverage(village, covered, covered ? Reason.WITHIN_REACH : Reason.TOO_FAR, nearest.get().id(), nearest.get().name(), minutes);
    }
}
