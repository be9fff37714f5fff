package org.povertyalleviation.crowdfunding.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.CrowdfundingIT;
import org.povertyalleviation.crowdfunding.SupplyAndLogisticsFakes.BookingCall;
import org.povertyalleviation.platform.infra.Eventually;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import tools.jackson.databind.JsonNode;

/**
 * A funded project's rewards on their way: tiers tied to lots the supply platform shows as the county's, the paid
 * rewards booked with the logistics service as the clerk who dispatches (a full window stops it; the next dispatch
 * books the rest), the shipments followed on the logistics service's events, and the payout refused until every paid
 * reward has its booking. The supply platform and the logistics service are fakes of their HTTP APIs.
 */
class DeliveryIT extends CrowdfundingIT {

    private static final String WEN = "621222";
    private static final String KANG = "621224";
    private static final String PARTNER_WEN = "partner-wen";

    @Test
    void a_funded_projects_rewards_are_tied_to_lots_booked_as_the_clerk_followed_and_only_then_paid_out() throws Exception {
        String village = villages(WEN).get(0);
        UUID household = registeredHousehold(WEN, village);
        Instant deadline = Instant.now().plus(20, ChronoUnit.SECONDS);
        UUID project = publish(WEN, householdProject(household, village, 80_000, deadline, List.of(tier("五斤装", 19_800, 20), tier("一斤装", 9_900, 20))));
        UUID big = tierOf(WEN, project, 0);
        UUID small = tierOf(WEN, project, 1);
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID twoBig = pledgePaid(project, "d-" + run + "-1", big, 2, 39_600);
        UUID oneBig = pledgePaid(project, "d-" + run + "-2", big, 1, 19_800);
        UUID otherBig = pledgePaid(project, "d-" + run + "-3", big, 1, 19_800);
        UUID oneSmall = pledgePaid(project, "d-" + run + "-4", small, 1, 9_900);
        String lotBig = "LB" + run;
        String lotSmall = "LS" + run;
        String kangLot = "LK" + run;
        FAKES.publishedLot(lotBig, "大红袍花椒 2026 秋", WEN);
        FAKES.publishedLot(lotSmall, "花椒芽菜", WEN);
        FAKES.publishedLot(kangLot, "康县木耳", KANG);

        // Not funded yet: no lot, no dispatch.
        JsonNode early = problem(put(lot(big), CLERK, Map.of("lotCode", lotBig)).expectStatus().isEqualTo(409), "status");
        assertThat(early.path("reason").asString()).isEqualTo("wrong-status");
        post(deliveries(project), CLERK, Map.of("slot", UUID.randomUUID())).expectStatus().isEqualTo(409);

        awaitStatus(WEN, project, "FUNDED");

        // A lot of another county, and a code the supply platform does not publish: refused, nothing written.
        JsonNode foreign = problem(put(lot(big), CLERK, Map.of("lotCode", kangLot)).expectStatus().isEqualTo(422), "lotCode");
        assertThat(foreign.path("rule").asString()).isEqualTo("lot-of-another-county");
        assertThat(foreign.path("detail").asString()).contains(kangLot);
        JsonNode unknown = problem(put(lot(big), CLERK, Map.of("lotCode", "NOPE" + run)).expectStatus().isEqualTo(422), "lotCode");
        assertThat(unknown.path("rule").asString()).isEqualTo("unknown-lot");
        assertThat(project(WEN, project).path("tiers").get(0).path("lotCode").isNull()).isTrue();
        put(lot(big), AUDITOR, Map.of("lotCode", lotBig)).expectStatus().isForbidden();

        JsonNode linked = read(put(lot(big), CLERK, Map.of("lotCode", lotBig)).expectStatus().isOk());
        assertThat(linked.path("lotProduct").asString()).isEqualTo("大红袍花椒 2026 秋");
        assertThat(linked.path("traceUrl").asString()).isEqualTo(TRACE_PAGES + "/" + lotBig);

        // The small tier has paid rewards and no lot yet.
        JsonNode missing = problem(post(deliveries(project), CLERK, Map.of("slot", UUID.randomUUID())).expectStatus().isEqualTo(422), "tier");
        assertThat(missing.path("rule").asString()).isEqualTo("lot-missing");
        assertThat(missing.path("detail").asString()).contains(small.toString());
        read(put(lot(small), CLERK, Map.of("lotCode", lotSmall)).expectStatus().isOk());

        // Nothing booked: the payout waits.
        JsonNode undispatched = problem(post(confirmation(project), ADMIN, Map.of()).expectStatus().isEqualTo(422), "status");
        assertThat(undispatched.path("rule").asString()).isEqualTo("rewards-not-dispatched");
        assertThat(undispatched.path("undispatched").asInt()).isEqualTo(4);

        // The window takes two: two booked, two remain, the next windows passed through.
        int callsBefore = FAKES.bookingCalls().size();
        FAKES.room(2);
        UUID slot = UUID.randomUUID();
        JsonNode first = read(post(deliveries(project), CLERK, Map.of("slot", slot)).expectStatus().isOk());
        assertThat(first.path("booked")).hasSize(2);
        assertThat(first.path("remaining").asInt()).isEqualTo(2);
        assertThat(first.path("alternatives").path(0).path("slot").asString()).isNotBlank();
        List<BookingCall> calls = FAKES.bookingCalls().subList(callsBefore, FAKES.bookingCalls().size());
        assertThat(calls).hasSize(3).allSatisfy(call -> {
            assertThat(call.authorization()).as("the clerk's own token, relayed").isEqualTo("Bearer " + tokenFor(CLERK));
            assertThat(call.county()).isEqualTo(WEN);
            assertThat(call.body().path("slot").asString()).isEqualTo(slot.toString());
            assertThat(call.body().path("senderKind").asString()).isEqualTo("HOUSEHOLD");
            assertThat(call.body().path("household").asString()).isEqualTo(household.toString());
            assertThat(call.body().path("senderRef").asString()).isEqualTo(project.toString());
            assertThat(call.body().path("carriesKind").asString()).isEqualTo("CROWDFUNDING_REWARD");
            assertThat(call.body().path("recipient").asString()).startsWith(PARTNER_WEN + ":backer-d-" + run).hasSizeLessThanOrEqualTo(50);
        });
        BookingCall twoBigCall = calls.stream().filter(call -> call.body().path("carriesRef").asString().equals(twoBig.toString())).findFirst()
                .orElseThrow();
        assertThat(twoBigCall.body().path("weightKg").decimalValue()).isEqualByComparingTo("5.2");
        assertThat(twoBigCall.body().path("parcels").asInt()).isEqualTo(2);
        assertThat(twoBigCall.body().path("declaredValueFen").asLong()).isEqualTo(39_600);
        JsonNode stillWaiting = problem(post(confirmation(project), ADMIN, Map.of()).expectStatus().isEqualTo(422), "status");
        assertThat(stillWaiting.path("undispatched").asInt()).isEqualTo(2);

        // Room again: the second dispatch books only the two left, a third books nothing.
        FAKES.room(100);
        JsonNode second = read(post(deliveries(project), CLERK, Map.of("slot", slot)).expectStatus().isOk());
        assertThat(second.path("booked")).hasSize(2);
        assertThat(second.path("remaining").asInt()).isZero();
        JsonNode third = read(post(deliveries(project), CLERK, Map.of("slot", slot)).expectStatus().isOk());
        assertThat(third.path("booked")).isEmpty();
        Set<String> bookedPledges = FAKES.bookingCalls().subList(callsBefore, FAKES.bookingCalls().size()).stream()
                .filter(call -> call.booking() != null).map(call -> call.body().path("carriesRef").asString()).collect(Collectors.toSet());
        assertThat(bookedPledges).containsExactlyInAnyOrder(twoBig.toString(), oneBig.toString(), otherBig.toString(), oneSmall.toString());
        assertThat(FAKES.bookingCalls().subList(callsBefore, FAKES.bookingCalls().size()).stream().filter(call -> call.booking() != null)).hasSize(4);

        // Each reward: its lot's trace page and its booking.
        JsonNode rewards = read(get(deliveries(project), AUDITOR).expectStatus().isOk());
        assertThat(rewards).hasSize(4);
        JsonNode smallReward = rewardOf(rewards, oneSmall);
        assertThat(smallReward.path("lotCode").asString()).isEqualTo(lotSmall);
        assertThat(smallReward.path("traceUrl").asString()).isEqualTo(TRACE_PAGES + "/" + lotSmall);
        assertThat(smallReward.path("backerRef").asString()).isEqualTo("backer-d-" + run + "-4");
        assertThat(smallReward.path("shipment").path("state").asString()).isEqualTo("BOOKED");
        UUID twoBigBooking = UUID.fromString(rewardOf(rewards, twoBig).path("shipment").path("booking").asString());
        assertThat(twoBigBooking).isEqualTo(twoBigCall.booking());

        // The logistics service's events move the shipment; a late, older report changes nothing.
        Instant pickedUp = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        moved(twoBigBooking, twoBig, "PICKED_UP", "BOOKED", pickedUp);
        awaitState(project, twoBig, "PICKED_UP");
        moved(twoBigBooking, twoBig, "DELIVERED", "AT_VILLAGE_POST", pickedUp.plusSeconds(3600));
        awaitState(project, twoBig, "DELIVERED");
        moved(twoBigBooking, twoBig, "AT_TOWNSHIP", "PICKED_UP", pickedUp.plusSeconds(60));
        JsonNode partnersView = Eventually.await("the partner's view of the pledge", Duration.ofSeconds(30),
                () -> read(get("/counties/" + WEN + "/pledges/" + twoBig, PARTNER_WEN).expectStatus().isOk()),
                pledge -> "DELIVERED".equals(pledge.path("shipment").path("state").asString()));
        assertThat(partnersView.path("lotTraceUrl").asString()).isEqualTo(TRACE_PAGES + "/" + lotBig);
        assertThat(partnersView.path("shipment").path("updatedAt").asString()).isNotBlank();

        // A booking cancelled at the logistics service leaves its reward undispatched, until a booking placed for it (its
        // answer never reached a dispatch) is linked by its event.
        UUID oneSmallBooking = UUID.fromString(smallReward.path("shipment").path("booking").asString());
        moved(oneSmallBooking, oneSmall, "CANCELLED", "BOOKED", Instant.now());
        awaitState(project, oneSmall, "CANCELLED");
        JsonNode cancelled = problem(post(confirmation(project), ADMIN, Map.of()).expectStatus().isEqualTo(422), "status");
        assertThat(cancelled.path("undispatched").asInt()).isEqualTo(1);
        UUID rebooked = UUID.randomUUID();
        publish("logistics.events", WEN, rebooked.toString(), "logistics.booking-placed.v1", """
                {"county":"%s","booking":"%s","direction":"UPLINK","slot":"%s","day":"2027-01-20","windowStart":"09:00","windowEnd":"11:00",
                 "node":"%s","village":"%s","senderKind":"HOUSEHOLD","household":"%s","carriesKind":"CROWDFUNDING_REWARD","carriesRef":"%s",
                 "weightGrams":2600,"parcels":1,"cold":false,"priceFen":300,"subsidyFen":150,"bookedAt":"%s"}"""
                .formatted(WEN, rebooked, slot, UUID.randomUUID(), village, household, oneSmall, Instant.now()));
        Eventually.await("the rebooking linked", Duration.ofSeconds(30), () -> rewardOf(read(get(deliveries(project), ADMIN).expectStatus().isOk()), oneSmall),
                reward -> rebooked.toString().equals(reward.path("shipment").path("booking").asString())
                        && "BOOKED".equals(reward.path("shipment").path("state").asString()));

        // Every paid reward is on its way: the proceeds are paid out.
        JsonNode delivered = read(post(confirmation(project), ADMIN, Map.of()).expectStatus().isOk());
        assertThat(delivered.path("status").asString()).isEqualTo("DELIVERED");

        // Kang's admin reaches none of it.
        get("/counties/" + WEN + "/projects/" + project + "/deliveries", "admin-" + KANG).expectStatus().isForbidden();
        post("/counties/" + WEN + "/projects/" + project + "/deliveries", "admin-" + KANG, Map.of("slot", slot)).expectStatus().isForbidden();
        put("/counties/" + WEN + "/tiers/" + big + "/lot", "admin-" + KANG, Map.of("lotCode", lotBig)).expectStatus().isForbidden();
        get("/counties/" + KANG + "/projects/" + project + "/deliveries", "admin-" + KANG).expectStatus().isNotFound();
        put("/counties/" + KANG + "/tiers/" + big + "/lot", "admin-" + KANG, Map.of("lotCode", kangLot)).expectStatus().isNotFound();
        CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs(KANG, tokenFor("admin-" + KANG))
                .foreignRecord(WEN, project.toString(), tokenFor(ADMIN))
                .endpoint("GET", "/counties/{county}/projects/{id}/deliveries")
                .endpoint("POST", "/counties/{county}/projects/{id}/deliveries", "{\"slot\":\"" + slot + "\"}")
                .assertIsolated();
        assertEveryTenantTableIsolated();
    }

    @Test
    void one_dispatch_of_a_project_at_a_time_books_each_reward_once() throws Exception {
        String village = villages(WEN).get(1);
        UUID household = registeredHousehold(WEN, village);
        UUID project = publish(WEN, householdProject(household, village, 30_000, Instant.now().plus(20, ChronoUnit.SECONDS),
                List.of(tier("一份", 10_000, 20))));
        UUID tier = tierOf(WEN, project, 0);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 6; i++) {
            pledgePaid(project, "lease-" + run + "-" + i, tier, 1, 10_000);
        }
        awaitStatus(WEN, project, "FUNDED");
        String lotCode = "LL" + run;
        FAKES.publishedLot(lotCode, "大红袍花椒", WEN);
        put(lot(tier), CLERK, Map.of("lotCode", lotCode)).expectStatus().isOk();
        FAKES.room(1_000);

        // A dispatch holding the project's lease (another replica's, say): refused, nothing booked.
        int callsBefore = FAKES.bookingCalls().size();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(serviceDatabase().jdbcUrl(), serviceDatabase().ownerUsername(),
                serviceDatabase().ownerPassword()); java.sql.Statement statement = db.createStatement()) {
            statement.execute("select set_config('app.county', '" + WEN + "', false)");
            statement.execute("insert into dispatch_lease (county_code, project_id, holder, held_until) values ('" + WEN + "', '" + project
                    + "', gen_random_uuid(), now() + interval '10 minutes')");
            assertThat(problem(post(deliveries(project), CLERK, Map.of("slot", UUID.randomUUID())).expectStatus().isEqualTo(409), "slot")
                    .path("reason").asString()).isEqualTo("dispatch-in-progress");
            assertThat(FAKES.bookingCalls()).hasSize(callsBefore);
            // Its replica died: the lease lapses and the next dispatch goes ahead.
            statement.execute("update dispatch_lease set held_until = now() - interval '1 second' where project_id = '" + project + "'");
        }

        // Five clerks' dispatches at once: each reward booked once.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(pool.submit(() -> post(deliveries(project), CLERK, Map.of("slot", UUID.randomUUID())).returnResult(String.class)
                    .getStatus().value()));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<Integer> status : statuses) {
            assertThat(status.get(60, java.util.concurrent.TimeUnit.SECONDS)).isIn(200, 409);
        }
        List<String> booked = FAKES.bookingCalls().subList(callsBefore, FAKES.bookingCalls().size()).stream()
                .filter(call -> call.body().path("senderRef").asString().equals(project.toString()))
                .map(call -> call.body().path("carriesRef").asString()).toList();
        assertThat(booked).hasSize(6).doesNotHaveDuplicates();
        post(deliveries(project), CLERK, Map.of("slot", UUID.randomUUID())).expectStatus().isOk();
        post(confirmation(project), ADMIN, Map.of()).expectStatus().isOk();
    }

    @Test
    void a_cancelled_harvest_cancels_the_bookings_not_yet_picked_up_as_the_admin() {
        String village = villages(WEN).get(2);
        UUID household = registeredHousehold(WEN, village);
        UUID project = publish(WEN, householdProject(household, village, 30_000, Instant.now().plus(20, ChronoUnit.SECONDS),
                List.of(tier("一份", 10_000, 20))));
        UUID tier = tierOf(WEN, project, 0);
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID first = pledgePaid(project, "cancel-" + run + "-1", tier, 1, 10_000);
        UUID second = pledgePaid(project, "cancel-" + run + "-2", tier, 1, 10_000);
        UUID third = pledgePaid(project, "cancel-" + run + "-3", tier, 1, 10_000);
        awaitStatus(WEN, project, "FUNDED");
        dispatchAll(WEN, project);
        JsonNode rewards = read(get(deliveries(project), ADMIN).expectStatus().isOk());
        UUID onItsWay = UUID.fromString(rewardOf(rewards, first).path("shipment").path("booking").asString());
        UUID refusedByLogistics = UUID.fromString(rewardOf(rewards, second).path("shipment").path("booking").asString());
        UUID stillBooked = UUID.fromString(rewardOf(rewards, third).path("shipment").path("booking").asString());
        moved(onItsWay, first, "PICKED_UP", "BOOKED", Instant.now().plusSeconds(1));
        awaitState(project, first, "PICKED_UP");
        // Picked up meanwhile, before this service heard of it: logistics refuses, and that stops nothing.
        FAKES.pickedUp(refusedByLogistics);

        int callsBefore = FAKES.cancellationCalls().size();
        JsonNode cancelled = read(post("/counties/" + WEN + "/projects/" + project + "/cancellation", ADMIN, Map.of("reason", "冰雹，花椒绝收"))
                .expectStatus().isOk());
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("bookings").path("cancelled").asInt()).isEqualTo(1);
        assertThat(cancelled.path("bookings").path("notCancelled").asInt()).isEqualTo(1);
        assertThat(cancelled.path("bookings").path("underway").asInt()).isEqualTo(1);
        List<org.povertyalleviation.crowdfunding.SupplyAndLogisticsFakes.CancellationCall> calls = FAKES.cancellationCalls().subList(callsBefore, FAKES.cancellationCalls().size());
        assertThat(calls).extracting(org.povertyalleviation.crowdfunding.SupplyAndLogisticsFakes.CancellationCall::booking).containsExactlyInAnyOrder(refusedByLogistics, stillBooked);
        assertThat(calls).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer " + tokenFor(ADMIN)));
        // Every backer is refunded all the same.
        Eventually.await("the refunds confirmed", Duration.ofSeconds(60), () -> settlement(WEN, project).path("money"),
                money -> money.path("refundedFen").asLong() == 30_000L && money.path("balanceFen").asLong() == 0);
    }

    private UUID pledgePaid(UUID project, String key, UUID tier, int quantity, long amountFen) {
        String paymentRef = "pay-" + key;
        UUID pledge = UUID.fromString(read(post("/counties/" + WEN + "/projects/" + project + "/pledges", PARTNER_WEN,
                pledge(key, tier, quantity, amountFen, paymentRef)).expectStatus().isCreated()).path("id").asString());
        paid(WEN, paymentRef, amountFen).expectStatus().is2xxSuccessful();
        return pledge;
    }

    private void moved(UUID booking, UUID pledge, String state, String previous, Instant at) {
        publish("logistics.events", WEN, booking.toString(), "logistics.shipment-state-changed.v1", """
                {"county":"%s","booking":"%s","direction":"UPLINK","state":"%s","previousState":"%s","occurredAt":"%s",
                 "carriesKind":"CROWDFUNDING_REWARD","carriesRef":"%s"}""".formatted(WEN, booking, state, previous, at, pledge));
    }

    private void awaitState(UUID project, UUID pledge, String state) {
        Eventually.await("pledge " + pledge + "'s shipment " + state, Duration.ofSeconds(30),
                () -> rewardOf(read(get(deliveries(project), ADMIN).expectStatus().isOk()), pledge),
                reward -> state.equals(reward.path("shipment").path("state").asString()));
    }

    private static JsonNode rewardOf(JsonNode rewards, UUID pledge) {
        for (JsonNode reward : rewards) {
            if (reward.path("pledge").asString().equals(pledge.toString())) {
                return reward;
            }
        }
        throw new AssertionError("no reward of pledge " + pledge + " in " + rewards);
    }

    private static String lot(UUID tier) {
        return "/counties/" + WEN + "/tiers/" + tier + "/lot";
    }

    private static String deliveries(UUID project) {
        return "/counties/" + WEN + "/projects/" + project + "/deliveries";
    }

    private static String confirmation(UUID project) {
        return "/counties/" + WEN + "/projects/" + project + "/delivery-confirmation";
    }

    private static JsonNode read(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        return json(response.expectBody(String.class).returnResult().getResponseBody());
    }
}
