package org.povertyalleviation.portal.logistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A milk run plan as logistics booking's MilkRunController answers it (branch milkrun, 2026-12-05): per vehicle its
 * ordered stops with coordinates, arrival, load and lock; the pickups left out and why; the totals against the
 * nearest-neighbour baseline; the depot (the township's station). Times are "HH:mm" strings in China time.
 */
record MilkRun(UUID id, String township, LocalDate day, String status, UUID replanOf, int budgetSeconds, Instant plannedAt, String plannedBy,
               Depot depot, String dayStart, List<Route> routes, List<Unassigned> unassigned, int assigned, int totalDriveMinutes,
               int baselineDriveMinutes, int baselineUnassigned, Double ratioToBaseline, Score score, boolean feasible,
               List<BrokenRule> brokenRules) {

    /** Reasons a pickup is on no route (the service's UnplacedReason). */
    static final List<String> REASONS = List.of("COLD", "CAPACITY", "WINDOW", "WORKING_DAY", "NOT_PLACED");

    /** Only the newest plan of a township's day takes locks and replans; a superseded one is read only. */
    public boolean current() {
        return "PLANNED".equals(status);
    }

    record Depot(UUID node, String name, double latitude, double longitude) {
    }

    record Vehicle(UUID id, String plate, int capacityKg, int capacityParcels, boolean cold) {
    }

    record Window(String start, String end) {
    }

    record Stop(int position, UUID booking, String villageCode, UUID node, String nodeName, double latitude, double longitude, String arrival,
                Window window, BigDecimal loadKg, int parcels, boolean cold, boolean locked, UUID lockedVehicle) {
    }

    record Route(Vehicle vehicle, String leaving, String back, int driveMinutes, int routeMinutes, BigDecimal loadKg, int loadParcels,
                 List<Stop> stops) {
    }

    record Unassigned(UUID booking, String villageCode, UUID node, String nodeName, double latitude, double longitude, Window window,
                      BigDecimal loadKg, int parcels, boolean cold, String reason, String message, boolean locked, UUID lockedVehicle) {
    }

    record Score(int hard, int medium, int soft) {
    }

    record BrokenRule(String rule, int matches, int hardPenalty) {
    }

    /** A plan in the list of the latest ones. */
    record Summary(UUID id, String township, LocalDate day, String status, Instant plannedAt, String plannedBy, UUID replanOf, int budgetSeconds,
                   int vehiclesUsed, int assigned, int unassigned, int totalDriveMinutes, int baselineDriveMinutes, Double ratioToBaseline,
                   boolean feasible) {
    }
}
