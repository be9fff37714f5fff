package org.povertyalleviation.logisticsbooking.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.logisticsbooking.LogisticsBookingIT;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import tools.jackson.databind.JsonNode;

/** Windows, bookings, prices, and the race for the last room in a window, against the real database. */
class BookingIT extends LogisticsBookingIT {

    private static final String WEN = "621222";

    @Test
    void a_households_pickup_is_priced_subsidised_and_announced() {
        Network network = network(WEN, ADMIN, "621222101201");
        put("/counties/" + WEN + "/tariffs", ADMIN, Map.of("villageTownship", Map.of("fenPerKg", 30, "minimumFen", 200),
                "townshipCounty", Map.of("fenPerKg", 25, "minimumFen", 300), "subsidyPercent", 50, "subsidyCapFen", 1_000)).expectStatus().isOk();
        UUID slot = slot(WEN, CLERK, network.post(), "PICKUP", 500, 40);
        UUID household = registeredHousehold(WEN, "621222101201");
        Map<String, Object> request = booking(slot, "25.5", 3);
        request.putAll(Map.of("senderKind", "HOUSEHOLD", "senderRef", "621222-0001", "household", household, "carriesKind", "TRACE_LOT",
                "carriesRef", "L7K2M9Q4", "declaredValueFen", 120_000));

        JsonNode booked = json(post("/counties/" + WEN + "/bookings", CLERK, request).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody());

        // 25.5 kg: 765 fen up to the township (30/kg), 638 fen (25/kg, 637.5 rounded up) to the county; half of 1,403 is 701.5, rounded down.
        assertThat(booked.path("priceFen").asLong()).isEqualTo(1_403);
        assertThat(booked.path("subsidyFen").asLong()).isEqualTo(701);
        assertThat(booked.path("payableFen").asLong()).isEqualTo(702);
        assertThat(booked.path("state").asString()).isEqualTo("BOOKED");
        assertThat(booked.path("direction").asString()).isEqualTo("UPLINK");
        assertThat(booked.path("recipient").asString()).isEqualTo("王建国");
        String id = booked.path("id").asString();
        JsonNode slotNow = slotOf(network.post(), slot);
        assertThat(slotNow.path("bookedKg").decimalValue()).isEqualByComparingTo("25.5");
        assertThat(slotNow.path("freeParcels").asInt()).isEqualTo(37);

        List<TopicReader.Received> events = TopicReader.read("logistics.events", 1, r -> r.value().contains(id) && r.value().contains("booking-placed"));
        assertThat(EventCatalogue.schemaErrors("logistics.booking-placed.v1", events.get(0).value())).isEmpty();
        assertThat(events.get(0).value()).doesNotContain("王建国");
        assertThat(events.get(0).key()).isEqualTo(WEN + ":" + id);

        // A partner and a cadre see the recipient masked; county staff in full.
        assertThat(json(get("/counties/" + WEN + "/bookings/" + id, CADRE).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).path("recipient").asString()).isEqualTo("王**");
    }

    @Test
    void bad_bookings_are_refused_naming_the_field_and_nothing_is_taken() {
        Network network = network(WEN, ADMIN, "621222101202");
        UUID slot = slot(WEN, CLERK, network.post(), "PICKUP", 100, 10);

        Map<String, Object> heavy = booking(slot, "100.001", 1);
        problem(post("/counties/" + WEN + "/bookings", CLERK, heavy).expectStatus().isEqualTo(422), "weightKg");
        Map<String, Object> cold = booking(slot, "1", 1);
        cold.put("cold", true);
        problem(post("/counties/" + WEN + "/bookings", CLERK, cold).expectStatus().isEqualTo(422), "cold");
        Map<String, Object> household = booking(slot, "1", 1);
        household.putAll(Map.of("senderKind", "HOUSEHOLD", "household", UUID.randomUUID()));
        problem(post("/counties/" + WEN + "/bookings", CLERK, household).expectStatus().isEqualTo(422), "household");
        Map<String, Object> noHousehold = booking(slot, "1", 1);
        noHousehold.put("senderKind", "HOUSEHOLD");
        problem(post("/counties/" + WEN + "/bookings", CLERK, noHousehold).expectStatus().isBadRequest(), "household");
        problem(post("/counties/" + WEN + "/bookings", CLERK, booking(UUID.randomUUID(), "1", 1)).expectStatus().isEqualTo(422), "slot");
        problem(post("/counties/" + WEN + "/bookings", CLERK, booking(slot, "1.0001", 1)).expectStatus().isBadRequest(), "weightKg");
        Map<String, Object> lot = booking(slot, "1", 1);
        lot.put("carriesKind", "TRACE_LOT");
        problem(post("/counties/" + WEN + "/bookings", CLERK, lot).expectStatus().isBadRequest(), "carriesRef");

        JsonNode untouched = slotOf(network.post(), slot);
        assertThat(untouched.path("bookedKg").decimalValue()).isZero();
        assertThat(untouched.path("bookedParcels").asInt()).isZero();

        // A window in the past cannot be opened.
        problem(post("/counties/" + WEN + "/slots", CLERK, Map.of("node", network.post(), "day", TOMORROW.minusDays(3).toString(), "kind", "PICKUP",
                "windowStart", "09:00", "windowEnd", "11:00", "capacityKg", 10, "capacityParcels", 1)).expectStatus().isBadRequest(), "day");
        problem(post("/counties/" + WEN + "/slots", CLERK, Map.of("node", network.post(), "day", TOMORROW.toString(), "kind", "PICKUP",
                "windowStart", "11:00", "windowEnd", "09:00", "capacityKg", 10, "capacityParcels", 1)).expectStatus().isBadRequest(), "windowEnd");
        problem(post("/counties/" + WEN + "/slots", CLERK, Map.of("node", network.post(), "day", TOMORROW.toString(), "kind", "PICKUP",
                "windowStart", "13:00", "windowEnd", "15:00", "capacityKg", 10, "capacityParcels", 1, "cold", true)).expectStatus().isEqualTo(422), "cold");
    }

    @Test
    void a_full_window_offers_the_next_free_ones_and_a_cancellation_frees_its_room() {
        Network network = network(WEN, ADMIN, "621222102201");
        UUID first = slot(WEN, CLERK, network.post(), TOMORROW.plusDays(1), "PICKUP", "08:00", 50, 5);
        UUID later = slot(WEN, CLERK, network.post(), TOMORROW.plusDays(1), "PICKUP", "14:00", 50, 5);
        String taken = idOf(post("/counties/" + WEN + "/bookings", CLERK, booking(first, "40", 2)).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody());

        JsonNode full = problem(post("/counties/" + WEN + "/bookings", CLERK, booking(first, "20", 1)).expectStatus().isEqualTo(409), "slot");
        assertThat(full.path("reason").asString()).isEqualTo("slot-full");
        assertThat(full.path("alternatives").get(0).path("slot").asString()).isEqualTo(later.toString());

        post("/counties/" + WEN + "/bookings/" + taken + "/cancellation", CLERK, Map.of()).expectStatus().isOk();
        post("/counties/" + WEN + "/bookings", CLERK, booking(first, "20", 1)).expectStatus().isCreated();
        problem(post("/counties/" + WEN + "/bookings/" + taken + "/cancellation", CLERK, Map.of()).expectStatus().isEqualTo(409), null);

        // Moving a booking takes room in the new window and gives it back in the old one.
        String moving = idOf(post("/counties/" + WEN + "/bookings", CLERK, booking(first, "30", 1)).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody());
        JsonNode moved = json(post("/counties/" + WEN + "/bookings/" + moving + "/rebooking", CLERK, Map.of("slot", later)).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(moved.path("slot").asString()).isEqualTo(later.toString());
        assertThat(slotOf(network.post(), first, TOMORROW.plusDays(1)).path("bookedKg").decimalValue()).isEqualByComparingTo("20");
        assertThat(slotOf(network.post(), later, TOMORROW.plusDays(1)).path("bookedKg").decimalValue()).isEqualByComparingTo("30");
    }

    @Test
    void a_race_for_a_window_never_overbooks_it() throws Exception {
        Network network = network(WEN, ADMIN, "621222102202");
        UUID slot = slot(WEN, CLERK, network.post(), TOMORROW.plusDays(2), "PICKUP", "09:00", 100, 1_000);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 48; i++) {
                answers.add(pool.submit(() -> post("/counties/" + WEN + "/bookings", CLERK, booking(slot, "10", 1)).returnResult(String.class)
                        .getStatus().value()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(38);
        } finally {
            pool.shutdownNow();
        }
        JsonNode after = slotOf(network.post(), slot, TOMORROW.plusDays(2));
        assertThat(after.path("bookedKg").decimalValue()).isEqualByComparingTo("100");
        assertThat(after.path("bookedParcels").asInt()).isEqualTo(10);
        JsonNode bookings = json(get("/counties/" + WEN + "/bookings?day=" + TOMORROW.plusDays(2) + "&node=" + network.post(), CLERK)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(bookings.size()).isEqualTo(10);
    }

    @Test
    void a_cadre_books_only_at_the_posts_of_their_villages() {
        Network own = network(WEN, ADMIN, "621222101201");
        Network other = network(WEN, ADMIN, "621222103201");
        UUID ownSlot = slot(WEN, CLERK, own.post(), TOMORROW.plusDays(3), "PICKUP", "09:00", 100, 10);
        UUID otherSlot = slot(WEN, CLERK, other.post(), TOMORROW.plusDays(3), "PICKUP", "09:00", 100, 10);
        UUID stationSlot = slot(WEN, CLERK, own.station(), TOMORROW.plusDays(3), "PICKUP", "09:00", 100, 10);

        String cadre = "cadre-621222-101201";
        String ownBooking = idOf(post("/counties/" + WEN + "/bookings", cadre, booking(ownSlot, "5", 1)).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody());
        post("/counties/" + WEN + "/bookings", cadre, booking(otherSlot, "5", 1)).expectStatus().isForbidden();
        post("/counties/" + WEN + "/bookings", cadre, booking(stationSlot, "5", 1)).expectStatus().isForbidden();
        assertThat(slotOf(other.post(), otherSlot, TOMORROW.plusDays(3)).path("bookedParcels").asInt()).isZero();

        // The post's agent reports what it sees at its own post, not at another village's; it reads the county's bookings.
        Map<String, Object> pickedUp = Map.of("updateId", "agent-1", "state", "PICKED_UP", "occurredAt", minutesAgo(1).toString());
        post("/counties/" + WEN + "/bookings/" + ownBooking + "/tracking", cadre, pickedUp).expectStatus().isOk();
        String elsewhere = idOf(post("/counties/" + WEN + "/bookings", CLERK, booking(otherSlot, "5", 1)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        post("/counties/" + WEN + "/bookings/" + elsewhere + "/tracking", cadre, pickedUp).expectStatus().isForbidden();
        post("/counties/" + WEN + "/bookings/" + elsewhere + "/cancellation", cadre, Map.of()).expectStatus().isForbidden();
        get("/counties/" + WEN + "/bookings/" + elsewhere, cadre).expectStatus().isOk();
        assertThat(json(get("/counties/" + WEN + "/bookings/" + elsewhere, CLERK).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).path("state").asString()).isEqualTo("BOOKED");
    }

    private JsonNode slotOf(UUID node, UUID slot) {
        return slotOf(node, slot, TOMORROW);
    }

    private JsonNode slotOf(UUID node, UUID slot, java.time.LocalDate day) {
        JsonNode slots = json(get("/counties/" + WEN + "/slots?day=" + day + "&node=" + node, CLERK).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        for (JsonNode found : slots) {
            if (found.path("id").asString().equals(slot.toString())) {
                return found;
            }
        }
        throw new AssertionError("no window " + slot + " in " + slots);
    }
}
