package org.povertyalleviation.logisticsbooking.backhaul.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.logisticsbooking.booking.domain.Booking;
import org.povertyalleviation.logisticsbooking.booking.domain.Direction;
import org.povertyalleviation.logisticsbooking.carrier.domain.Vehicle;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;
import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;

/**
 * Backhaul: the vehicles that bring a day's goods down from the county's park to a township come back up, and a
 * vehicle that comes back empty has driven the road for nothing. This matches the day's uplink pickups of each township
 * to the return trips of its downlink runs.
 *
 * <p>The runs: a township's downlink bookings are loaded onto the park's vehicles working that day, largest first, each
 * into the first vehicle with room left (first-fit decreasing; a vehicle makes one run per township). The township's
 * uplink bookings are then loaded, largest first, into the first return trip with room (a vehicle returns empty: its
 * whole capacity). A return trip that carries produce saves an empty drive of the road between the township's station
 * and the park (the shortest chain of legs, {@link DriveTimes}); uplink bookings that fit no return trip stay with their own
 * pickups.
 */
public final class Backhaul {

    /** One downlink run to a township and what rides back on it. */
    public record Run(UUID vehicle, String plate, long downGrams, int downParcels, List<UUID> downBookings, long upGrams, int upParcels,
                      List<UUID> upBookings) {
    }

    /** A township's day: its runs, what went back up on them, and the empty road saved. */
    public record Township(String township, UUID station, String stationName, int roadMetres, List<Run> runs, List<UUID> downUnloaded,
                           List<UUID> upMatched, List<UUID> upUnmatched, long emptyMetresSaved) {
    }

    public record Result(List<Township> townships) {

        public long emptyMetresSaved() {
            return townships.stream().mapToLong(Township::emptyMetresSaved).sum();
        }

        public long uplinkMatched() {
            return townships.stream().mapToLong(township -> township.upMatched().size()).sum();
        }

        public long uplinkUnmatched() {
            return townships.stream().mapToLong(township -> township.upUnmatched().size()).sum();
        }
    }

    private static final class Load {
        final Vehicle vehicle;
        long downGrams;
        int downParcels;
        final List<UUID> down = new ArrayList<>();
        long upGrams;
        int upParcels;
        final List<UUID> up = new ArrayList<>();

        Load(Vehicle vehicle) {
            this.vehicle = vehicle;
        }

        boolean takesDown(Booking booking) {
            return downGrams + booking.weightGrams() <= vehicle.capacityKg() * 1000L && downParcels + booking.parcels() <= vehicle.capacityParcels()
                    && (!booking.cold() || vehicle.cold());
        }

        boolean takesUp(Booking booking) {
            return upGrams + booking.weightGrams() <= vehicle.capacityKg() * 1000L && upParcels + booking.parcels() <= vehicle.capacityParcels()
                    && (!booking.cold() || vehicle.cold());
        }
    }

    private Backhaul() {
    }

    /**
     * @param nodes         the county's nodes
     * @param roads         its roads
     * @param parkVehicles  the vehicles based at the park that work that day
     * @param bookings      the day's bookings that still travel (not cancelled)
     */
    public static Result match(List<Node> nodes, DriveTimes roads, List<Vehicle> parkVehicles, List<Booking> bookings) {
        Node park = nodes.stream().filter(node -> node.level() == NodeLevel.COUNTY_PARK).findFirst().orElse(null);
        Map<UUID, Node> byId = new LinkedHashMap<>();
        nodes.forEach(node -> byId.put(node.id(), node));
        List<Township> townships = new ArrayList<>();
        if (park == null) {
            return new Result(townships);
        }
        nodes.stream().filter(node -> node.level() == NodeLevel.TOWNSHIP_STATION).sorted(Comparator.comparing(Node::township)).forEach(station -> {
            List<Booking> here = bookings.stream().filter(booking -> {
                Node at = byId.get(booking.node());
                return at != null && station.township().equals(at.township());
            }).sorted(Comparator.comparingLong(Booking::weightGrams).reversed().thenComparing(Booking::id)).toList();
            List<Booking> down = here.stream().filter(booking -> booking.direction() == Direction.DOWNLINK).toList();
            List<Booking> up = here.stream().filter(booking -> booking.direction() == Direction.UPLINK).toList();
            if (down.isEmpty() && up.isEmpty()) {
                return;
            }
            List<Load> loads = parkVehicles.stream().sorted(Comparator.comparing(Vehicle::plate)).map(Load::new).toList();
            List<UUID> downUnloaded = new ArrayList<>();
            for (Booking booking : down) {
                loads.stream().filter(load -> load.takesDown(booking)).findFirst().ifPresentOrElse(load -> {
                    load.downGrams += booking.weightGrams();
                    load.downParcels += booking.parcels();
                    load.down.add(booking.id());
                }, () -> downUnloaded.add(booking.id()));
            }
            List<Load> running = loads.stream().filter(load -> !load.down.isEmpty()).toList();
            List<UUID> matched = new ArrayList<>();
            List<UUID> unmatched = new ArrayList<>();
            for (Booking booking : up) {
                running.stream().filter(load -> load.takesUp(booking)).findFirst().ifPresentOrElse(load -> {
                    load.upGrams += booking.weightGrams();
                    load.upParcels += booking.parcels();
                    load.up.add(booking.id());
                    matched.add(booking.id());
                }, () -> unmatched.add(booking.id()));
            }
            int road = roads.metres(station.id(), park.id());
            long loadedReturns = running.stream().filter(load -> !load.up.isEmpty()).count();
            townships.add(new Township(station.township(), station.id(), station.name(), road,
                    running.stream().map(load -> new Run(load.vehicle.id(), load.vehicle.plate(), load.downGrams, load.downParcels, List.copyOf(load.down),
                            load.upGrams, load.upParcels, List.copyOf(load.up))).toList(),
                    downUnloaded, matched, unmatched, loadedReturns * road));
        });
        return new Result(townships);
    }
}
