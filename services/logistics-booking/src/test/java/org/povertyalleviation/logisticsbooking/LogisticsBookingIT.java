package org.povertyalleviation.logisticsbooking;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.service.ServiceIT;
import tools.jackson.databind.JsonNode;

import tools.jackson.databind.json.JsonMapper;

/** The service on the platform's test base (ServiceIT), with helpers that build a county's network through the API. */
public abstract class LogisticsBookingIT extends ServiceIT {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final LocalDate TOMORROW = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);


    /** A township's part of the network: the county's park, the township's station, and a village's post. */
    protected record Network(UUID park, UUID station, UUID post) {
    }

    /**
     * The county's park, a township's station and a village's post: found in the network if a test made them already
     * (tests of this JVM share the database), else made through the API.
     */
    protected Network network(String county, String user, String village) {
        String township = village.substring(0, 9);
        UUID park = findOrAdd(county, user, "COUNTY_PARK", null, () -> node("COUNTY_PARK", "县电商物流园", null, null, null, 33.39, 105.62, true));
        UUID station = findOrAdd(county, user, "TOWNSHIP_STATION", township, () -> node("TOWNSHIP_STATION", "镇快递站 " + township, park, township, null,
                33.30, 105.50, false));
        UUID post = findOrAdd(county, user, "VILLAGE_POST", village, () -> node("VILLAGE_POST", "村邮站 " + village, station, null, village,
                33.25, 105.45, false));
        return new Network(park, station, post);
    }

    private synchronized UUID findOrAdd(String county, String user, String level, String place, java.util.function.Supplier<Map<String, Object>> node) {
        JsonNode network = json(get("/counties/" + county + "/nodes", user).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        for (JsonNode found : network.path("nodes")) {
            boolean here = switch (level) {
                case "COUNTY_PARK" -> true;
                case "TOWNSHIP_STATION" -> place.equals(found.path("township").asString());
                default -> place.equals(found.path("village").asString());
            };
            if (found.path("level").asString().equals(level) && here) {
                return UUID.fromString(found.path("id").asString());
            }
        }
        return UUID.fromString(idOf(post("/counties/" + county + "/nodes", user, node.get()).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody()));
    }

    protected static Map<String, Object> node(String level, String name, UUID parent, String township, String village, double latitude, double longitude,
                                              boolean cold) {
        Map<String, Object> node = new HashMap<>(Map.of("level", level, "name", name, "address", name + " 地址", "latitude", latitude,
                "longitude", longitude, "openingHours", "每日 08:00-18:00", "operatorKind", "VILLAGE_AGENT", "operatorName", "便民超市",
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

    protected UUID slot(String county, String user, UUID node, String kind, int capacityKg, int capacityParcels) {
        return slot(county, user, node, TOMORROW, kind, "09:00", capacityKg, capacityParcels);
    }

    protected UUID slot(String county, String user, UUID node, LocalDate day, String kind, String start, int capacityKg, int capacityParcels) {
        String end = String.format("%02d:%s", Integer.parseInt(start.substring(0, 2)) + 2, start.substring(3));
        return UUID.fromString(idOf(post("/counties/" + county + "/slots", user, Map.of("node", node, "day", day.toString(), "kind", kind,
                "windowStart", start, "windowEnd", end, "capacityKg", capacityKg, "capacityParcels", capacityParcels))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()));
    }

    protected static Map<String, Object> booking(UUID slot, String weightKg, int parcels) {
        return new HashMap<>(Map.of("slot", slot, "senderKind", "COOPERATIVE", "senderRef", "合作社-01", "recipient", "王建国",
                "weightKg", weightKg, "parcels", parcels, "carriesKind", "GOODS"));
    }

    protected UUID carrier(String county, String user, String name, String client) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name));
        if (client != null) {
            body.put("client", client);
        }
        return UUID.fromString(idOf(post("/counties/" + county + "/carriers", user, body).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody()));
    }

    protected static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** Now less some minutes, to the second (reports' times). */
    protected static java.time.Instant minutesAgo(int minutes) {
        return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(minutes, java.time.temporal.ChronoUnit.MINUTES);
    }
}
