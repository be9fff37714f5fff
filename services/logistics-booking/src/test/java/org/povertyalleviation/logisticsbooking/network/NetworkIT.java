package org.povertyalleviation.logisticsbooking.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.logisticsbooking.LogisticsBookingIT;
import org.povertyalleviation.platform.infra.Eventually;
import tools.jackson.databind.JsonNode;

/** The three-level network, its rules, its coverage of villages, carriers with their vehicles, and the day's backhaul. */
class NetworkIT extends LogisticsBookingIT {

    private static final String WEN = "621222";

    @Test
    void the_network_keeps_its_three_levels_and_one_post_per_village() {
        Network network = network(WEN, ADMIN, "621222101202");
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("COUNTY_PARK", "第二物流园", null, null, null, 33.4, 105.6, false))
                .expectStatus().isEqualTo(409), "level");
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("VILLAGE_POST", "第二村邮站", network.station(), null, "621222101202", 33.2, 105.4, false))
                .expectStatus().isEqualTo(409), "village");
        // A post hangs under its own township's station, not under the park or another township's station.
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("VILLAGE_POST", "错挂村邮站", network.park(), null, "621222102202", 33.2, 105.4, false))
                .expectStatus().isEqualTo(422), "parent");
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("VILLAGE_POST", "无名村", network.station(), null, "621222109999", 33.2, 105.4, false))
                .expectStatus().isEqualTo(422), "village");
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("VILLAGE_POST", "外县村", network.station(), null, "621224101201", 33.2, 105.4, false))
                .expectStatus().isBadRequest(), "village");
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("TOWNSHIP_STATION", "无名镇站", network.park(), "621222199", null, 33.2, 105.4, false))
                .expectStatus().isEqualTo(422), "township");
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("TOWNSHIP_STATION", "无父镇站", null, "621222101", null, 33.2, 105.4, false))
                .expectStatus().isBadRequest(), "parent");
        problem(post("/counties/" + WEN + "/nodes", ADMIN, node("TOWNSHIP_STATION", "越界", network.park(), "621222101", null, 91, 105.4, false))
                .expectStatus().isBadRequest(), "latitude");

        post("/counties/" + WEN + "/legs", ADMIN, Map.of("from", network.post(), "to", network.station(), "distanceMetres", 9_500, "driveMinutes", 25))
                .expectStatus().isCreated();
        problem(post("/counties/" + WEN + "/legs", ADMIN, Map.of("from", network.station(), "to", network.post(), "distanceMetres", 9_000,
                "driveMinutes", 20)).expectStatus().isEqualTo(409), "to");
        problem(post("/counties/" + WEN + "/legs", ADMIN, Map.of("from", network.post(), "to", network.post(), "distanceMetres", 1, "driveMinutes", 1))
                .expectStatus().isBadRequest(), "to");
        problem(post("/counties/" + WEN + "/legs", ADMIN, Map.of("from", network.post(), "to", UUID.randomUUID(), "distanceMetres", 1, "driveMinutes", 1))
                .expectStatus().isEqualTo(422), "to");

        JsonNode map = json(get("/counties/" + WEN + "/nodes", "partner-wen").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(map.path("nodes").findValuesAsString("id")).contains(network.park().toString(), network.station().toString(), network.post().toString());
        assertThat(map.path("legs").size()).isPositive();
    }

    /** In Kang, whose villages no other test gives a post but 621224101201 (the isolation test's) and 621224101202 (this one's). */
    @Test
    void coverage_names_the_villages_the_network_does_not_reach() {
        String kang = "621224";
        String admin = "admin-621224";
        network(kang, admin, "621224101202");
        // The county registry places two villages: one beside the township's station (33.30, 105.50), one across the mountains.
        publish("village.events", kang, "621224102201", "village.registered.v1", "{\"county\":\"621224\",\"village\":\"621224102201\","
                + "\"township\":\"621224102\",\"nameZh\":\"近村\",\"poor\":true,\"latitude\":33.31,\"longitude\":105.51}");
        publish("village.events", kang, "621224103201", "village.registered.v1", "{\"county\":\"621224\",\"village\":\"621224103201\","
                + "\"township\":\"621224103\",\"nameZh\":\"远村\",\"poor\":true,\"latitude\":32.60,\"longitude\":104.70}");

        JsonNode coverage = Eventually.await("both villages placed", Duration.ofSeconds(60),
                () -> json(get("/counties/" + kang + "/coverage?withinMinutes=30", admin).expectStatus().isOk().expectBody(String.class).returnResult()
                        .getResponseBody()),
                found -> !village(found, "621224102201").path("latitude").isNull() && !village(found, "621224103201").path("latitude").isNull());
        assertThat(village(coverage, "621224101202").path("reason").asString()).isEqualTo("OWN_POST");
        JsonNode near = village(coverage, "621224102201");
        assertThat(near.path("covered").asBoolean()).isTrue();
        assertThat(near.path("reason").asString()).isEqualTo("WITHIN_REACH");
        assertThat(near.path("minutes").asInt()).isLessThanOrEqualTo(30);
        JsonNode far = village(coverage, "621224103201");
        assertThat(far.path("covered").asBoolean()).isFalse();
        assertThat(far.path("reason").asString()).isEqualTo("TOO_FAR");
        assertThat(far.path("minutes").asInt()).isGreaterThan(30);
        // A village the registry gave no place cannot be judged: a gap until it has one.
        assertThat(village(coverage, "621224103202").path("reason").asString()).isEqualTo("NO_PLACE");
        assertThat(coverage.path("gaps").findValuesAsString("village")).contains("621224103201", "621224103202").doesNotContain("621224102201");
        assertThat(coverage.path("poorVillagesUncovered").asLong()).isPositive();
        problem(get("/counties/" + kang + "/coverage?withinMinutes=-1", admin).expectStatus().isBadRequest(), "withinMinutes");
    }

    @Test
    void carriers_register_vehicles_and_the_backhaul_loads_pickups_onto_returning_runs() {
        Network network = network(WEN, ADMIN, "621222102202");
        UUID carrier = carrier(WEN, ADMIN, "文县顺达物流 " + UUID.randomUUID().toString().substring(0, 4), null);
        String plate = "甘K·" + (10000 + (int) (Math.random() * 89999));
        post("/counties/" + WEN + "/carriers/" + carrier + "/vehicles", CLERK, Map.of("plate", plate, "capacityKg", 600, "capacityParcels", 100,
                "workingDays", List.of(TOMORROW.plusDays(5).getDayOfWeek().name()), "base", network.park())).expectStatus().isCreated();
        problem(post("/counties/" + WEN + "/carriers/" + carrier + "/vehicles", CLERK, Map.of("plate", plate, "capacityKg", 1_000, "capacityParcels", 100,
                "workingDays", List.of("MONDAY"), "base", network.park())).expectStatus().isEqualTo(409), "plate");
        problem(post("/counties/" + WEN + "/carriers/" + carrier + "/vehicles", CLERK, Map.of("plate", "ABC", "capacityKg", 1, "capacityParcels", 1,
                "workingDays", List.of("MONDAY"), "base", network.park())).expectStatus().isBadRequest(), "plate");
        post("/counties/" + WEN + "/carriers", ADMIN, Map.of("name", "重复", "client", "partner-qinzhou")).expectStatus().isCreated();
        problem(post("/counties/" + WEN + "/carriers", ADMIN, Map.of("name", "重复二", "client", "partner-qinzhou")).expectStatus().isEqualTo(409), "client");

        // The day: 600 kg down to the township's village, 500 kg + 300 kg up from it; the 600 kg vehicle's return takes the 500 kg, not both.
        var day = TOMORROW.plusDays(5);
        UUID down = slot(WEN, CLERK, network.post(), day, "DELIVERY", "08:00", 2_000, 100);
        UUID up = slot(WEN, CLERK, network.post(), day, "PICKUP", "14:00", 2_000, 100);
        post("/counties/" + WEN + "/bookings", CLERK, booking(down, "600", 10)).expectStatus().isCreated();
        String bigUp = idOf(post("/counties/" + WEN + "/bookings", CLERK, booking(up, "500", 5)).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody());
        String smallUp = idOf(post("/counties/" + WEN + "/bookings", CLERK, booking(up, "300", 5)).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody());
        post("/counties/" + WEN + "/legs", ADMIN, Map.of("from", network.station(), "to", network.park(), "distanceMetres", 42_000, "driveMinutes", 70))
                .expectStatus().value(status -> assertThat(status).isIn(201, 409));

        JsonNode backhaul = json(get("/counties/" + WEN + "/backhaul?day=" + day, CLERK).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
        JsonNode township = null;
        for (JsonNode candidate : backhaul.path("townships")) {
            if (candidate.path("township").asString().equals("621222102")) {
                township = candidate;
            }
        }
        assertThat(township).as("township 621222102 in " + backhaul).isNotNull();
        assertThat(township.path("upMatched").toString()).contains(bigUp);
        assertThat(township.path("upUnmatched").toString()).contains(smallUp);
        assertThat(township.path("emptyKmSaved").decimalValue()).isEqualByComparingTo(township.path("roadKm").decimalValue());
        problem(get("/counties/" + WEN + "/backhaul?day=tomorrow", CLERK).expectStatus().isBadRequest(), "day");
    }

    private static JsonNode village(JsonNode coverage, String code) {
        for (JsonNode village : coverage.path("all")) {
            if (village.path("village").asString().equals(code)) {
                return village;
            }
        }
        return null;
    }
}
