package org.povertyalleviation.devstack;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.povertyalleviation.platform.domain.ChinaTime;
import tools.jackson.databind.JsonNode;

/**
 * A county's logistics network through the logistics-booking API, as its commerce bureau would set it up: the tariff
 * with the poor households' shipping subsidy, the park at the county seat, a station per township, a post in each
 * poor village (the first village of the county too: the end-to-end tests book there), roads between them, the
 * county's postal carrier (the demo partner's client, in the counties that granted it) with a truck at the park and
 * two vans per station, tomorrow's pickup and delivery windows, and households' pickups booked into them, two already
 * picked up.
 */
final class DemoLogistics {

    /** What was seeded, for the start-up banner. */
    record Seeded(int nodes, int slots, int bookings) {

        Seeded plus(Seeded other) {
            return new Seeded(nodes + other.nodes, slots + other.slots, bookings + other.bookings);
        }
    }

    private final DemoData.Dataset data;
    private final String logistics;
    private final DemoApi api;

    DemoLogistics(DemoData.Dataset data, String logisticsBooking, DemoApi api) {
        this.data = data;
        this.logistics = logisticsBooking;
        this.api = api;
    }

    /** The county's network and tomorrow's bookings, for the households of its villages; nothing when it has a network. */
    Seeded seed(DemoData.County county, Map<String, List<JsonNode>> householdsByVillage) {
        String code = county.code();
        String base = logistics + "/counties/" + code;
        String admin = "admin-" + code;
        String clerk = "clerk-" + code;
        if (DemoApi.JSON.readTree(api.send("GET", base + "/nodes", admin, null)).path("nodes").size() > 0) {
            return new Seeded(0, 0, 0);
        }
        Random random = new Random(data.seed() * 43 + Long.parseLong(code));
        api.send("PUT", base + "/tariffs", admin, Map.of("villageTownship", Map.of("fenPerKg", 30, "minimumFen", 200),
                "townshipCounty", Map.of("fenPerKg", 20, "minimumFen", 300), "subsidyPercent", 50, "subsidyCapFen", 1_000));
        DemoPlaces.Place seat = DemoPlaces.county(code);
        String park = id(api.send("POST", base + "/nodes", admin, node("COUNTY_PARK", county.nameZh() + "电商物流园", null, null, null, seat, true,
                "COUNTY", county.nameZh() + "商务局")));
        int nodes = 1;
        String carrier = id(api.send("POST", base + "/carriers", admin, DemoRealm.PARTNER_COUNTIES.contains(code)
                ? Map.of("name", county.nameZh() + "邮政快递", "client", DemoRealm.PARTNER)
                : Map.of("name", county.nameZh() + "邮政快递")));
        LocalDate tomorrow = LocalDate.now(ChinaTime.ZONE).plusDays(1);
        List<String> everyDay = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
        api.send("POST", base + "/carriers/" + carrier + "/vehicles", clerk, Map.of("plate", plate(code, 0), "capacityKg", 3_000,
                "capacityParcels", 300, "cold", true, "workingDays", everyDay, "base", park));

        Map<String, List<DemoData.Village>> byTownship = new LinkedHashMap<>();
        data.villages().stream().filter(village -> village.countyCode().equals(code))
                .forEach(village -> byTownship.computeIfAbsent(village.townshipCode(), t -> new ArrayList<>()).add(village));
        String firstVillage = byTownship.values().iterator().next().get(0).code();
        Map<String, String> posts = new HashMap<>();
        int township = 0;
        for (Map.Entry<String, List<DemoData.Village>> entry : byTownship.entrySet()) {
            township++;
            DemoPlaces.Place at = DemoPlaces.township(entry.getKey());
            String station = id(api.send("POST", base + "/nodes", admin, node("TOWNSHIP_STATION", data.townships().stream()
                    .filter(t -> t.code().equals(entry.getKey())).findFirst().orElseThrow().nameZh() + "快递站", park, entry.getKey(), null, at, false,
                    "CARRIER", county.nameZh() + "邮政快递")));
            nodes++;
            road(base, admin, park, seat, station, at);
            for (int van = 1; van <= 2; van++) {
                api.send("POST", base + "/carriers/" + carrier + "/vehicles", clerk, Map.of("plate", plate(code, township * 10 + van),
                        "capacityKg", 800, "capacityParcels", 80, "workingDays", everyDay, "base", station));
            }
            for (DemoData.Village village : entry.getValue()) {
                if (!village.poor() && !village.code().equals(firstVillage)) {
                    continue;
                }
                DemoPlaces.Place place = DemoPlaces.village(village.code());
                String post = id(api.send("POST", base + "/nodes", admin, node("VILLAGE_POST", village.nameZh() + "村邮站", station, null, village.code(),
                        place, false, "VILLAGE_AGENT", village.nameZh() + "便民超市")));
                nodes++;
                road(base, admin, station, at, post, place);
                posts.put(village.code(), post);
            }
        }

        int slots = 0;
        int bookings = 0;
        for (Map.Entry<String, String> post : posts.entrySet()) {
            String pickup = id(api.send("POST", base + "/slots", clerk, Map.of("node", post.getValue(), "day", tomorrow.toString(), "kind", "PICKUP",
                    "windowStart", "08:00", "windowEnd", "12:00", "capacityKg", 500, "capacityParcels", 40, "carrier", carrier)));
            api.send("POST", base + "/slots", clerk, Map.of("node", post.getValue(), "day", tomorrow.toString(), "kind", "DELIVERY",
                    "windowStart", "14:00", "windowEnd", "17:00", "capacityKg", 800, "capacityParcels", 60, "carrier", carrier));
            slots += 2;
            if (post.getKey().equals(firstVillage)) {
                continue;
            }
            List<JsonNode> households = householdsByVillage.getOrDefault(post.getKey(), List.of());
            for (int i = 0; i < Math.min(2, households.size()); i++) {
                JsonNode household = households.get(i);
                int kg = 5 + random.nextInt(40);
                String booking = id(api.sendOnceKnown("POST", base + "/bookings", clerk, Map.of("slot", pickup, "senderKind", "HOUSEHOLD",
                        "senderRef", household.path("fileNumber").asString(), "household", household.path("id").asString(),
                        "recipient", "县电商服务中心", "weightKg", kg, "parcels", 1 + kg / 15, "declaredValueFen", kg * 3_000L,
                        "carriesKind", "GOODS")));
                bookings++;
                if (bookings <= 2) {
                    api.send("POST", base + "/bookings/" + booking + "/tracking", clerk, Map.of("updateId", "demo-" + booking, "state", "PICKED_UP",
                            "occurredAt", java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "node", post.getValue()));
                }
            }
        }
        return new Seeded(nodes, slots, bookings);
    }

    private void road(String base, String admin, String from, DemoPlaces.Place fromPlace, String to, DemoPlaces.Place toPlace) {
        double km = kilometres(fromPlace, toPlace) * 1.4;
        api.send("POST", base + "/legs", admin, Map.of("from", from, "to", to, "distanceMetres", Math.max(1, (int) Math.round(km * 1000)),
                "driveMinutes", Math.max(1, (int) Math.ceil(km / 30 * 60))));
    }

    private static Map<String, Object> node(String level, String name, String parent, String township, String village, DemoPlaces.Place place,
                                            boolean cold, String operatorKind, String operatorName) {
        Map<String, Object> node = new HashMap<>(Map.of("level", level, "name", name, "address", name, "latitude", place.latitude(),
                "longitude", place.longitude(), "openingHours", "每日 08:00-18:00", "operatorKind", operatorKind, "operatorName", operatorName,
                "coldStorage", cold));
        if (parent != null) {
            node.put("parent", parent);
        }
        if (township != null) {
            node.put("township", township);
        }
        if (village != null) {
            node.put("village", village);
        }
        return node;
    }

    private static String plate(String county, int n) {
        return "甘K·" + county.substring(4) + String.format("%03d", n);
    }

    private static String id(String body) {
        return DemoApi.JSON.readTree(body).path("id").asString();
    }

    private static double kilometres(DemoPlaces.Place a, DemoPlaces.Place b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
