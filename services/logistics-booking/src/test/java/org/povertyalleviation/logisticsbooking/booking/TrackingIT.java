package org.povertyalleviation.logisticsbooking.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.logisticsbooking.LogisticsBookingIT;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * A carrier moves a household's pickup through every step; the owner and the county read its timeline. Reports are
 * idempotent by their id, late ones fill in the timeline, skips need a reason, and a carrier reaches only the bookings
 * assigned to it.
 */
class TrackingIT extends LogisticsBookingIT {

    private static final String WEN = "621222";
    /** partner-wen is Wen's carrier in these tests (its client is granted Wen). */
    private static final String CARRIER = "partner-wen";

    private final java.time.Instant now = minutesAgo(0);

    @Test
    void a_carrier_moves_a_pickup_through_every_step_and_the_timeline_shows_it() {
        Network network = network(WEN, ADMIN, "621222103202");
        UUID carrier = carrierOf(CARRIER);
        UUID slot = slotServedBy(network.post(), carrier);
        UUID household = registeredHousehold(WEN, "621222103202");
        Map<String, Object> request = booking(slot, "12", 2);
        request.putAll(Map.of("senderKind", "HOUSEHOLD", "household", household, "carriesKind", "TRACE_LOT", "carriesRef", "LOT-TRACK-1"));
        String id = idOf(post("/counties/" + WEN + "/bookings", CADRE, request).expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody());

        // The carrier sees the booking assigned to it, the recipient masked.
        JsonNode seen = json(get("/counties/" + WEN + "/bookings/" + id, CARRIER).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
        assertThat(seen.path("carrier").asString()).isEqualTo(carrier.toString());
        assertThat(seen.path("recipient").asString()).isEqualTo("王**");

        report(id, "u1", "PICKED_UP", 50, null, network.post()).expectStatus().isOk();
        // Sent again: recognised, nothing changes.
        JsonNode again = json(report(id, "u1", "PICKED_UP", 50, null, network.post()).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        assertThat(again.path("repeated").asBoolean()).isTrue();
        assertThat(again.path("booking").path("timeline").size()).isEqualTo(1);
        // The same id for another report is a mistake the carrier must hear of.
        problem(report(id, "u1", "AT_TOWNSHIP", 40, null, null).expectStatus().isEqualTo(409), "updateId");

        // A skip without a reason is refused; with one, it moves the shipment.
        problem(report(id, "u2", "AT_COUNTY_PARK", 30, null, network.park()).expectStatus().isEqualTo(422), "reason");
        report(id, "u3", "AT_COUNTY_PARK", 30, "镇站扫描枪离线", network.park()).expectStatus().isOk();
        // The township's scan arrives late: it fills in the timeline and moves nothing.
        JsonNode late = json(report(id, "u4", "AT_TOWNSHIP", 40, null, network.station()).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        assertThat(late.path("advanced").asBoolean()).isFalse();
        assertThat(late.path("booking").path("state").asString()).isEqualTo("AT_COUNTY_PARK");

        report(id, "u5", "HANDED_TO_CARRIER", 20, null, network.park()).expectStatus().isOk();
        problem(report(id, "u6", "DELIVERED", 10, null, null).expectStatus().isBadRequest(), "recipient");
        Map<String, Object> delivered = tracking("u6", "DELIVERED", 10, null, null);
        delivered.putAll(Map.of("recipient", "李秀英", "photoRef", "pod/2026/12/u6.jpg"));
        post("/counties/" + WEN + "/bookings/" + id + "/tracking", CARRIER, delivered).expectStatus().isOk();
        // Delivered is the end: a further step is refused.
        problem(report(id, "u7", "FAILED", 5, "客户拒收", null).expectStatus().isEqualTo(409), "state");

        // The county reads the whole timeline in the order things happened; the recipient in full for its staff.
        JsonNode timeline = json(get("/counties/" + WEN + "/bookings/" + id, CLERK).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
        assertThat(timeline.path("state").asString()).isEqualTo("DELIVERED");
        assertThat(timeline.path("timeline").findValuesAsString("state"))
                .containsExactly("PICKED_UP", "AT_TOWNSHIP", "AT_COUNTY_PARK", "HANDED_TO_CARRIER", "DELIVERED");
        assertThat(timeline.path("timeline").get(4).path("recipient").asString()).isEqualTo("李秀英");
        assertThat(timeline.path("timeline").get(1).path("advanced").asBoolean()).isFalse();
        assertThat(timeline.path("timeline").get(4).path("reportedBy").asString()).isEqualTo(CARRIER);

        // Each step that moved it was announced once, in order, without the recipient's name.
        List<TopicReader.Received> changes = TopicReader.read("logistics.events", 4,
                r -> r.value().contains(id) && r.value().contains("shipment-state-changed"));
        changes.forEach(r -> assertThat(EventCatalogue.schemaErrors("logistics.shipment-state-changed.v1", r.value())).as(r.value()).isEmpty());
        assertThat(changes.stream().map(r -> json(r.value()).path("data").path("state").asString()).toList())
                .containsExactly("PICKED_UP", "AT_COUNTY_PARK", "HANDED_TO_CARRIER", "DELIVERED");
        assertThat(changes).noneMatch(r -> r.value().contains("李秀英"));
    }

    @Test
    void a_carrier_reaches_only_the_bookings_assigned_to_it() {
        Network network = network(WEN, ADMIN, "621222103201");
        UUID slot = slot(WEN, CLERK, network.post(), TOMORROW.plusDays(4), "PICKUP", "09:00", 200, 20);
        String unassigned = idOf(post("/counties/" + WEN + "/bookings", CLERK, booking(slot, "5", 1)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());

        get("/counties/" + WEN + "/bookings/" + unassigned, CARRIER).expectStatus().isForbidden();
        report(unassigned, "x1", "PICKED_UP", 5, null, null).expectStatus().isForbidden();
        post("/counties/" + WEN + "/bookings/" + unassigned + "/cancellation", CARRIER, Map.of()).expectStatus().isForbidden();
        JsonNode listed = json(get("/counties/" + WEN + "/bookings?day=" + TOMORROW.plusDays(4), CARRIER).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(listed.findValuesAsString("id")).doesNotContain(unassigned);

        // Assigned by the county, it is the carrier's to report on.
        put("/counties/" + WEN + "/bookings/" + unassigned + "/carrier", CLERK, Map.of("carrier", carrierOf(CARRIER))).expectStatus().isOk();
        report(unassigned, "x1", "PICKED_UP", 5, null, null).expectStatus().isOk();
        listed = json(get("/counties/" + WEN + "/bookings?day=" + TOMORROW.plusDays(4), CARRIER).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(listed.findValuesAsString("id")).contains(unassigned);

        // A booking a partner made is its own to read and cancel, not to report on unless assigned.
        String own = idOf(post("/counties/" + WEN + "/bookings", CARRIER, booking(slot, "5", 1)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        get("/counties/" + WEN + "/bookings/" + own, CARRIER).expectStatus().isOk();
        post("/counties/" + WEN + "/bookings/" + own + "/cancellation", CARRIER, Map.of()).expectStatus().isOk();
        // A partner of another county is refused at the county (partner-jd is granted Kang only).
        get("/counties/" + WEN + "/bookings/" + own, "partner-jd").expectStatus().isForbidden();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec report(String booking, String updateId, String state, int minutesAgo,
                                                                                          String reason, UUID node) {
        return post("/counties/" + WEN + "/bookings/" + booking + "/tracking", CARRIER, tracking(updateId, state, minutesAgo, reason, node));
    }

    private Map<String, Object> tracking(String updateId, String state, int minutesAgo, String reason, UUID node) {
        // From one instant per test: a resent report must carry the very same time.
        Map<String, Object> body = new HashMap<>(Map.of("updateId", updateId, "state", state, "occurredAt",
                now.minus(minutesAgo, java.time.temporal.ChronoUnit.MINUTES).toString()));
        if (reason != null) {
            body.put("reason", reason);
        }
        if (node != null) {
            body.put("node", node);
        }
        return body;
    }

    private UUID carrierOf(String client) {
        JsonNode carriers = json(get("/counties/" + WEN + "/carriers", ADMIN).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        for (JsonNode carrier : carriers) {
            if (client.equals(carrier.path("client").asString(null))) {
                return UUID.fromString(carrier.path("id").asString());
            }
        }
        return carrier(WEN, ADMIN, "文县邮政快递", client);
    }

    private UUID slotServedBy(UUID node, UUID carrier) {
        return UUID.fromString(idOf(post("/counties/" + WEN + "/slots", CLERK, Map.of("node", node, "day", TOMORROW.toString(), "kind", "PICKUP",
                "windowStart", "15:00", "windowEnd", "17:00", "capacityKg", 300, "capacityParcels", 30, "carrier", carrier))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()));
    }
}
