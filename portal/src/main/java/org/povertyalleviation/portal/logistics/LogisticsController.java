package org.povertyalleviation.portal.logistics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.portal.county.CountyPage;
import org.povertyalleviation.portal.county.FormValues;
import org.povertyalleviation.portal.county.PageLinks;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.county.Viewers;
import org.povertyalleviation.portal.gateway.Gateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

/**
 * The county's logistics (logistics booking): the network on a map with its coverage of villages, a day's windows and
 * bookings per node, one shipment's timeline, and the day's backhaul. Read only; milk runs are {@link MilkRunController}.
 */
@Controller
class LogisticsController {

    static final String BASE = Gateway.LOGISTICS_BOOKING + "/counties/{county}";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The service's default drive time for coverage, and its largest (a day). */
    private static final int WITHIN_MINUTES = 30;
    private static final int MAX_MINUTES = 24 * 60;
    /** The service's page maximum for a day's bookings. */
    private static final int BOOKINGS = 1000;

    private final Gateway gateway;
    private final Viewers viewers;
    private final Villages villages;
    private final LogisticsMaps maps;

    LogisticsController(Gateway gateway, Viewers viewers, Villages villages, LogisticsMaps maps) {
        this.gateway = gateway;
        this.viewers = viewers;
        this.villages = villages;
        this.maps = maps;
    }

    /** The network with its coverage: the map, the nodes and roads, the villages left uncovered within the drive time. */
    @GetMapping("/counties/{county}/logistics")
    Mono<String> network(@PathVariable String county, @RequestParam(required = false) Integer withinMinutes, ServerWebExchange exchange,
                         Model model) {
        int within = withinMinutes != null && withinMinutes >= 0 && withinMinutes <= MAX_MINUTES ? withinMinutes : WITHIN_MINUTES;
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(network(county),
                        gateway.get(uri -> uri.path(BASE + "/coverage").queryParam("withinMinutes", within).build(county), Logistics.Coverage.class),
                        villages.townships(county))
                .map(loaded -> {
                    Logistics.Network network = loaded.getT1();
                    Logistics.Coverage coverage = loaded.getT2();
                    model.addAttribute("withinMinutes", within);
                    model.addAttribute("nodes", network.ordered());
                    model.addAttribute("nodeById", network.byId());
                    model.addAttribute("legs", network.legs());
                    model.addAttribute("coverage", coverage);
                    model.addAttribute("poorGaps", coverage.gaps().stream().filter(Logistics.VillageCoverage::poor).toList());
                    model.addAttribute("otherGaps", coverage.gaps().stream().filter(village -> !village.poor()).toList());
                    model.addAttribute("townships", loaded.getT3());
                    model.addAttribute("map", maps.network(network, coverage, exchange.getLocaleContext().getLocale()));
                    return "logistics-network";
                }));
    }

    /** A day's windows (with their room as bars) and bookings, per node: one node when chosen, else every node with either. */
    @GetMapping("/counties/{county}/logistics/day")
    Mono<String> day(@PathVariable String county, @RequestParam(required = false) String day, @RequestParam(required = false) String node,
                     ServerWebExchange exchange, Model model) {
        LocalDate shown = day(day);
        UUID chosen = FormValues.uuid(node);
        model.addAttribute("day", shown);
        model.addAttribute("chosen", chosen);
        model.addAttribute("previous", PageLinks.with(exchange, "day", shown.minusDays(1)));
        model.addAttribute("next", PageLinks.with(exchange, "day", shown.plusDays(1)));
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(network(county),
                        gateway.list(uri -> dayQuery(uri.path(BASE + "/slots"), shown, chosen).build(county), Logistics.Slot.class),
                        gateway.list(uri -> dayQuery(uri.path(BASE + "/bookings"), shown, chosen).queryParam("limit", BOOKINGS).build(county),
                                Logistics.Booking.class),
                        villages.of(county))
                .map(loaded -> {
                    Logistics.Network network = loaded.getT1();
                    Map<UUID, List<Logistics.Slot>> slots = loaded.getT2().stream().collect(Collectors.groupingBy(Logistics.Slot::node));
                    Map<UUID, List<Logistics.Booking>> bookings = loaded.getT3().stream().collect(Collectors.groupingBy(Logistics.Booking::node));
                    List<NodeDay> days = new ArrayList<>();
                    for (Logistics.Node at : network.ordered()) {
                        if (at.id().equals(chosen) || slots.containsKey(at.id()) || bookings.containsKey(at.id())) {
                            days.add(new NodeDay(at, slots.getOrDefault(at.id(), List.of()), bookings.getOrDefault(at.id(), List.of())));
                        }
                    }
                    model.addAttribute("nodes", network.ordered());
                    model.addAttribute("levels", Logistics.LEVELS);
                    model.addAttribute("days", days);
                    model.addAttribute("full", loaded.getT3().size() == BOOKINGS);
                    model.addAttribute("villages", loaded.getT4());
                    return "logistics-day";
                }));
    }

    /** A node's day: its windows in time order and its bookings by window. */
    record NodeDay(Logistics.Node node, List<Logistics.Slot> slots, List<Logistics.Booking> bookings) {
    }

    /** One shipment: the booking, its direction's steps as a progress line, and every report on it. */
    @GetMapping("/counties/{county}/logistics/bookings/{id}")
    Mono<String> booking(@PathVariable String county, @PathVariable UUID id, ServerWebExchange exchange, Model model) {
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(BASE + "/bookings/{id}").build(county, id), Logistics.Booking.class),
                        network(county), villages.of(county),
                        gateway.list(uri -> uri.path(BASE + "/carriers").build(county), Logistics.Carrier.class))
                .map(loaded -> {
                    model.addAttribute("booking", loaded.getT1());
                    model.addAttribute("nodeById", loaded.getT2().byId());
                    model.addAttribute("villages", loaded.getT3());
                    model.addAttribute("carriers", loaded.getT4().stream().collect(Collectors.toMap(Logistics.Carrier::id, Logistics.Carrier::name)));
                    return "logistics-booking";
                }));
    }

    /** The day's downlink runs per township, the pickups that ride back on them, those that do not, and the empty road saved. */
    @GetMapping("/counties/{county}/logistics/backhaul")
    Mono<String> backhaul(@PathVariable String county, @RequestParam(required = false) String day, ServerWebExchange exchange, Model model) {
        LocalDate shown = day(day);
        model.addAttribute("day", shown);
        model.addAttribute("previous", PageLinks.with(exchange, "day", shown.minusDays(1)));
        model.addAttribute("next", PageLinks.with(exchange, "day", shown.plusDays(1)));
        return CountyPage.of(viewers, exchange, county, model).flatMap(found -> Mono.zip(
                        gateway.get(uri -> uri.path(BASE + "/backhaul").queryParam("day", shown).build(county), Logistics.Backhaul.class),
                        gateway.list(uri -> dayQuery(uri.path(BASE + "/bookings"), shown, null).queryParam("limit", BOOKINGS).build(county),
                                Logistics.Booking.class),
                        villages.townships(county), villages.of(county))
                .map(loaded -> {
                    model.addAttribute("backhaul", loaded.getT1());
                    model.addAttribute("bookingById", loaded.getT2().stream().collect(Collectors.toMap(Logistics.Booking::id, Function.identity())));
                    model.addAttribute("townships", loaded.getT3());
                    model.addAttribute("villages", loaded.getT4());
                    return "logistics-backhaul";
                }));
    }

    Mono<Logistics.Network> network(String county) {
        return gateway.get(uri -> uri.path(BASE + "/nodes").build(county), Logistics.Network.class);
    }

    private static UriBuilder dayQuery(UriBuilder uri, LocalDate day, UUID node) {
        uri.queryParam("day", day);
        if (node != null) {
            uri.queryParam("node", node);
        }
        return uri;
    }

    /** The day asked for; today in China when none or one that is no date. */
    static LocalDate day(String day) {
        return FormValues.day(day, LocalDate.now(CHINA));
    }
}
