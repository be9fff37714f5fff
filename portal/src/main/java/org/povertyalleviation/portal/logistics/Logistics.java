package org.povertyalleviation.portal.logistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Logistics booking's answers, as the logistics pages use them (its NetworkController, SlotController, BookingController, BackhaulController). */
final class Logistics {

    /** The levels of the county's network from the top (the service's NodeLevel). */
    static final List<String> LEVELS = List.of("COUNTY_PARK", "TOWNSHIP_STATION", "VILLAGE_POST");

    /**
     * The steps of each direction, as the service's Direction lists them: the page draws them as a progress line. A
     * failure, return or cancellation is none of them.
     */
    static final Map<String, List<String>> STEPS = Map.of(
            "UPLINK", List.of("BOOKED", "PICKED_UP", "AT_TOWNSHIP", "AT_COUNTY_PARK", "HANDED_TO_CARRIER", "DELIVERED"),
            "DOWNLINK", List.of("BOOKED", "AT_COUNTY_PARK", "AT_TOWNSHIP", "AT_VILLAGE_POST", "DELIVERED"));

    private Logistics() {
    }

    record Node(UUID id, String county, String level, String name, UUID parent, String township, String village, String address,
                BigDecimal latitude, BigDecimal longitude, String openingHours, String operatorKind, String operatorName, boolean coldStorage,
                Instant createdAt) {
    }

    record Leg(UUID id, UUID from, UUID to, int distanceMetres, int driveMinutes) {

        public BigDecimal kilometres() {
            return BigDecimal.valueOf(distanceMetres).movePointLeft(3);
        }
    }

    record Network(String county, List<Node> nodes, List<Leg> legs) {

        public Map<UUID, Node> byId() {
            return nodes.stream().collect(Collectors.toMap(Node::id, Function.identity()));
        }

        /** The nodes from the park down, each level by name: for tables and the node picker. */
        public List<Node> ordered() {
            return nodes.stream().sorted(java.util.Comparator.<Node>comparingInt(node -> LEVELS.indexOf(node.level()))
                    .thenComparing(node -> node.township() == null ? "" : node.township()).thenComparing(Node::name)).toList();
        }

        public List<Node> stations() {
            return ordered().stream().filter(node -> "TOWNSHIP_STATION".equals(node.level())).toList();
        }
    }

    /** A village's coverage: reason OWN_POST, WITHIN_REACH, TOO_FAR, NO_PLACE or NO_NODES; its place may be unknown. */
    record VillageCoverage(String village, String nameZh, String township, boolean poor, BigDecimal latitude, BigDecimal longitude,
                           boolean covered, String reason, UUID nearestNode, String nearestNodeName, Integer minutes) {
    }

    record Coverage(String county, int withinMinutes, int villages, long covered, long poorVillagesUncovered, List<VillageCoverage> gaps,
                    List<VillageCoverage> all) {
    }

    record Slot(UUID id, UUID node, LocalDate day, String kind, LocalTime windowStart, LocalTime windowEnd, BigDecimal capacityKg,
                int capacityParcels, BigDecimal bookedKg, int bookedParcels, BigDecimal freeKg, int freeParcels, boolean cold, UUID carrier) {
    }

    record TimelineEntry(String updateId, String state, Instant occurredAt, UUID node, String reason, String recipient, String photoRef,
                         String reportedBy, Instant receivedAt, boolean advanced) {
    }

    /** A booking; {@code recipient} is as the service gives it: masked for partners and village cadres. */
    record Booking(UUID id, String county, String direction, UUID slot, LocalDate day, LocalTime windowStart, LocalTime windowEnd, UUID node,
                   String village, String senderKind, String senderRef, UUID household, String recipient, BigDecimal weightKg, int parcels,
                   boolean cold, long declaredValueFen, String carriesKind, String carriesRef, long priceFen, long subsidyFen, long payableFen,
                   UUID carrier, String state, String bookedBy, Instant bookedAt, Instant updatedAt, List<TimelineEntry> timeline) {

        /** Its direction's steps, each marked reached or not, the current one marked. */
        public List<Step> steps() {
            List<String> steps = STEPS.getOrDefault(direction, List.of());
            int reached = steps.indexOf(state);
            if (reached < 0) {
                // Failed, returned or cancelled: as far as the reports that advanced it took it.
                for (TimelineEntry entry : timeline == null ? List.<TimelineEntry>of() : timeline) {
                    if (entry.advanced()) {
                        reached = Math.max(reached, steps.indexOf(entry.state()));
                    }
                }
                reached = Math.max(reached, 0);
            }
            int last = reached;
            return java.util.stream.IntStream.range(0, steps.size())
                    .mapToObj(i -> new Step(steps.get(i), i <= last, i == last && steps.get(i).equals(state))).toList();
        }

        /** A state off its direction's steps: the shipment failed, came back or was cancelled. */
        public boolean offTheSteps() {
            return !STEPS.getOrDefault(direction, List.of()).contains(state);
        }
    }

    record Step(String state, boolean reached, boolean current) {
    }

    record Carrier(UUID id, String name) {
    }

    record Run(UUID vehicle, String plate, BigDecimal downKg, int downParcels, List<UUID> downBookings, BigDecimal upKg, int upParcels,
               List<UUID> upBookings) {
    }

    record BackhaulTownship(String township, UUID station, String stationName, BigDecimal roadKm, List<Run> runs, List<UUID> downUnloaded,
                            List<UUID> upMatched, List<UUID> upUnmatched, BigDecimal emptyKmSaved) {
    }

    record Backhaul(String county, LocalDate day, long uplinkMatched, long uplinkUnmatched, BigDecimal emptyKmSaved,
                    List<BackhaulTownship> townships) {
    }
}
