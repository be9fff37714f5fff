package org.povertyalleviation.portal.logistics;

import static org.povertyalleviation.portal.maps.GridMaps.line;
import static org.povertyalleviation.portal.maps.GridMaps.option;
import static org.povertyalleviation.portal.maps.GridMaps.points;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.portal.maps.GridMaps.Point;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The ECharts options of the logistics maps (drawn as {@link org.povertyalleviation.portal.maps.GridMaps} draws every
 * map of the portal). Colours here are the ones portal.css gives the legend's swatches.
 */
@Component
class LogisticsMaps {

    static final String PARK = "#c0392b";
    static final String STATION = "#1f6fb2";
    static final String POST = "#2e7d32";
    static final String COLD = "#00838f";
    static final String ROAD = "#9e9e9e";
    static final String VILLAGE_COVERED = "#81c784";
    static final String VILLAGE_UNCOVERED = "#ef6c00";
    static final String POOR_UNCOVERED = "#b71c1c";
    static final String UNASSIGNED = "#6d4c41";
    /** One colour per vehicle's route, in turn (portal.css: .route-0 … .route-7). */
    static final List<String> ROUTES = List.of("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e");

    private final MessageSource messages;

    LogisticsMaps(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The network: roads as grey lines, the park, stations and posts in their own symbols and colours, a ring around
     * those with cold storage, and the villages by coverage (uncovered in orange, poor uncovered in dark red and named).
     * Villages the county registry placed nowhere are only in the tables.
     */
    String network(Logistics.Network network, Logistics.Coverage coverage, Locale locale) {
        Map<UUID, Logistics.Node> nodes = network.byId();
        List<Object> roads = new ArrayList<>();
        for (Logistics.Leg leg : network.legs()) {
            Logistics.Node from = nodes.get(leg.from());
            Logistics.Node to = nodes.get(leg.to());
            if (from != null && to != null) {
                if (!roads.isEmpty()) {
                    roads.add("-");
                }
                roads.add(point(from).item());
                roads.add(point(to).item());
            }
        }
        List<Point> all = new ArrayList<>(network.nodes().stream().map(LogisticsMaps::point).toList());
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(line(message("logistics.map.roads", locale), roads, ROAD, 2));
        List<Logistics.VillageCoverage> placed = coverage == null ? List.of()
                : coverage.all().stream().filter(village -> village.latitude() != null && village.longitude() != null).toList();
        placed.forEach(village -> all.add(point(village)));
        series.add(points(message("logistics.map.covered", locale), placed.stream()
                .filter(village -> village.covered() && !"OWN_POST".equals(village.reason())).map(LogisticsMaps::point).toList(),
                "emptyCircle", 7, VILLAGE_COVERED, false));
        series.add(points(message("logistics.map.uncovered", locale), placed.stream().filter(village -> !village.covered() && !village.poor())
                .map(LogisticsMaps::point).toList(), "diamond", 10, VILLAGE_UNCOVERED, false));
        series.add(points(message("logistics.map.poorUncovered", locale), placed.stream().filter(village -> !village.covered() && village.poor())
                .map(LogisticsMaps::point).toList(), "diamond", 13, POOR_UNCOVERED, true));
        series.add(points(message("logistics.map.cold", locale), network.nodes().stream().filter(Logistics.Node::coldStorage)
                .map(LogisticsMaps::point).toList(), "emptyCircle", 24, COLD, false));
        series.add(points(message("logistics.level.VILLAGE_POST", locale), level(network, "VILLAGE_POST"), "circle", 9, POST, false));
        series.add(points(message("logistics.level.TOWNSHIP_STATION", locale), level(network, "TOWNSHIP_STATION"), "triangle", 15, STATION, true));
        series.add(points(message("logistics.level.COUNTY_PARK", locale), level(network, "COUNTY_PARK"), "rect", 18, PARK, true));
        return option(all, series);
    }

    /** A milk run: the station, each vehicle's route from it through its stops and back in its own colour, the pickups left out. */
    String milkRun(MilkRun plan, Locale locale) {
        Point depot = new Point(plan.depot().name(), plan.depot().longitude(), plan.depot().latitude());
        List<Point> all = new ArrayList<>(List.of(depot));
        List<Map<String, Object>> series = new ArrayList<>();
        for (int i = 0; i < plan.routes().size(); i++) {
            MilkRun.Route route = plan.routes().get(i);
            // The station starts and ends every route: its label is the station's own series', not each route's.
            Map<String, Object> station = depot.item();
            station.put("label", Map.of("show", false));
            List<Object> stops = new ArrayList<>();
            stops.add(station);
            for (MilkRun.Stop stop : route.stops()) {
                Point point = new Point(String.valueOf(stop.position()), stop.longitude(), stop.latitude());
                all.add(point);
                stops.add(point.item());
            }
            stops.add(station);
            Map<String, Object> run = line(route.vehicle().plate(), stops, ROUTES.get(i % ROUTES.size()), 3);
            run.put("showSymbol", true);
            run.put("symbol", "circle");
            run.put("symbolSize", 9);
            run.put("label", Map.of("show", true, "formatter", "{b}", "position", "top"));
            series.add(run);
        }
        List<Point> left = plan.unassigned().stream().map(pickup -> new Point(pickup.nodeName(), pickup.longitude(), pickup.latitude())).toList();
        all.addAll(left);
        series.add(points(message("milkrun.map.unassigned", locale), left, "diamond", 12, UNASSIGNED, false));
        series.add(points(message("milkrun.map.depot", locale), List.of(depot), "triangle", 18, STATION, true));
        return option(all, series);
    }

    private static List<Point> level(Logistics.Network network, String level) {
        return network.nodes().stream().filter(node -> level.equals(node.level())).map(LogisticsMaps::point).toList();
    }

    private static Point point(Logistics.Node node) {
        return new Point(node.name(), node.longitude().doubleValue(), node.latitude().doubleValue());
    }

    private static Point point(Logistics.VillageCoverage village) {
        return new Point(village.nameZh(), village.longitude().doubleValue(), village.latitude().doubleValue());
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
