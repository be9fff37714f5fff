package org.povertyalleviation.crowdfunding.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.CrowdfundingIT;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.contracts.TopicReader;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.infra.Eventually;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * All or nothing at the deadline, exactly once: a funded project pays its households out when its delivery is
 * confirmed (the split adds up to the fen, posted to their ledgers); a failed or cancelled one refunds every paid
 * pledge through the payment partner, retried through the partner's outage until confirmed; the money ledger balances.
 */
class SettlementIT extends CrowdfundingIT {

    private static final String WEN = "621222";

    @Autowired
    private Settlements settlements;

    /** Pays {@code count} pledges of one reward each through the partner. */
    private List<String> paidPledges(UUID project, UUID tier, long price, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ref = "pay-" + project + "-" + i;
            ids.add(idOf(post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen", pledge("k-" + project + "-" + i, tier, 1, price, ref))
                    .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()));
            paid(WEN, ref, price).expectStatus().isOk();
        }
        return ids;
    }

    @Test
    void a_cooperative_reaching_its_goal_is_funded_once_and_its_households_paid_out_to_the_fen() {
        String village = villages(WEN).get(5);
        UUID a = registeredHousehold(WEN, village);
        UUID b = registeredHousehold(WEN, village);
        UUID c = registeredHousehold(WEN, village);
        Instant deadline = Instant.now().plusSeconds(15);
        Map<String, Object> body = householdProject(a, village, 50_000, deadline, List.of(tier("一份", 10_001, 20)));
        body.remove("household");
        body.put("ownerKind", "COOPERATIVE");
        body.put("cooperative", "石峡村花椒专业合作社");
        body.put("shares", List.of(Map.of("household", a, "basisPoints", 3334), Map.of("household", b, "basisPoints", 3333),
                Map.of("household", c, "basisPoints", 3333)));
        UUID project = publish(WEN, body);
        UUID tier = tierOf(WEN, project, 0);
        paidPledges(project, tier, 10_001, 5);
        // One still pending at the deadline: dropped after the grace, and its reward given back.
        post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen", pledge("pending-" + project, tier, 1, 10_001, "pay-pending-" + project))
                .expectStatus().isCreated();

        // Several replicas' sweeps at once settle it once (the sweep itself runs every second too).
        Eventually.await("the deadline and grace", Duration.ofSeconds(30), Instant::now, now -> now.isAfter(deadline.plusSeconds(2)));
        List<CompletableFuture<Object>> racing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> settlements.settle(CountyCode.of(WEN), project).block(Duration.ofSeconds(30))));
        }
        racing.forEach(CompletableFuture::join);
        JsonNode funded = awaitStatus(WEN, project, "FUNDED");
        assertThat(funded.path("tiers").get(0).path("taken").asInt()).isEqualTo(5);
        JsonNode settled = settlement(WEN, project);
        assertThat(settled.path("settlement").path("outcome").asString()).isEqualTo("FUNDED");
        assertThat(settled.path("settlement").path("raisedFen").asLong()).isEqualTo(50_005);
        assertThat(settled.path("settlement").path("droppedPledges").asInt()).isEqualTo(1);
        assertThat(TopicReader.read("crowdfunding.events", 1, r -> r.value().contains("project-settled") && r.value().contains(project.toString())))
                .hasSize(1);

        // The pre-sale money is owed to the backers until delivery: nothing paid out yet.
        assertThat(settled.path("payouts")).isEmpty();
        post("/counties/" + WEN + "/projects/" + project + "/delivery-confirmation", CLERK, Map.of()).expectStatus().isForbidden();
        dispatchAll(WEN, project);
        JsonNode delivered = json(post("/counties/" + WEN + "/projects/" + project + "/delivery-confirmation", ADMIN, Map.of()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(delivered.path("status").asString()).isEqualTo("DELIVERED");
        Map<String, Long> payouts = new HashMap<>();
        delivered.path("payouts").forEach(payout -> payouts.put(payout.path("household").asString(), payout.path("amountFen").asLong()));
        // 50,005 × 3334 / 10000 = 16,671.67 → 16,671 and 50,005 × 3333 / 10000 = 16,666.5 → 16,666 twice: two fen left over, one to
        // the largest remainder (the first household), one to the tie between the others decided by their ids as text.
        String first = b.toString().compareTo(c.toString()) < 0 ? b.toString() : c.toString();
        String second = first.equals(b.toString()) ? c.toString() : b.toString();
        assertThat(payouts).containsEntry(a.toString(), 16_672L).containsEntry(first, 16_667L).containsEntry(second, 16_666L);
        assertThat(payouts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50_005);
        JsonNode money = delivered.path("money");
        assertThat(money.path("inFen").asLong()).isEqualTo(50_005);
        assertThat(money.path("paidOutFen").asLong()).isEqualTo(50_005);
        assertThat(money.path("balanceFen").asLong()).isZero();

        List<TopicReader.Received> income = TopicReader.read("crowdfunding.events", 3,
                r -> r.value().contains("household-income-earned") && r.value().contains(project.toString()));
        assertThat(income).hasSize(3);
        income.forEach(event -> assertThat(EventCatalogue.schemaErrors("crowdfunding.household-income-earned.v1", event.value())).isEmpty());
        assertThat(income).allSatisfy(event -> assertThat(event.value()).contains("\"source\":\"CROWDFUNDING\""));
        // Confirmed twice: refused, nothing paid twice.
        post("/counties/" + WEN + "/projects/" + project + "/delivery-confirmation", ADMIN, Map.of()).expectStatus().isEqualTo(409);
    }

    @Test
    void a_project_missing_its_goal_refunds_every_paid_pledge_through_the_partners_outage() {
        String village = villages(WEN).get(5);
        UUID household = registeredHousehold(WEN, village);
        Instant deadline = Instant.now().plusSeconds(15);
        UUID project = publish(WEN, householdProject(household, village, 1_000_000, deadline, List.of(tier("一份", 12_345, 50))));
        UUID tier = tierOf(WEN, project, 0);
        List<String> pledges = paidPledges(project, tier, 12_345, 6);
        long refundedBefore = PARTNER.refundedFen();
        // The partner is down for its next 8 requests: the refunds wait and are sent again, never lost.
        PARTNER.failNext(8);

        awaitStatus(WEN, project, "FAILED");
        Eventually.await("every refund confirmed", Duration.ofSeconds(90), () -> settlement(WEN, project).path("money"),
                money -> money.path("refundedFen").asLong() == 6 * 12_345L);
        JsonNode money = settlement(WEN, project).path("money");
        assertThat(money.path("inFen").asLong()).isEqualTo(6 * 12_345L);
        assertThat(money.path("balanceFen").asLong()).isZero();
        assertThat(money.path("pendingRefunds").asInt()).isZero();
        assertThat(PARTNER.refundedFen() - refundedBefore).isEqualTo(6 * 12_345L);
        assertThat(PARTNER.badSignatures()).isZero();
        for (String pledge : pledges) {
            assertThat(json(get("/counties/" + WEN + "/pledges/" + pledge, ADMIN).expectStatus().isOk().expectBody(String.class).returnResult()
                    .getResponseBody()).path("status").asString()).isEqualTo("REFUNDED");
        }
        JsonNode refunds = json(get("/counties/" + WEN + "/projects/" + project + "/refunds", AUDITOR).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        assertThat(refunds).hasSize(6);
        assertThat(refunds).allSatisfy(refund -> {
            assertThat(refund.path("reason").asString()).isEqualTo("GOAL_MISSED");
            assertThat(refund.path("status").asString()).isEqualTo("CONFIRMED");
        });
    }

    @Test
    void a_cancelled_harvest_refunds_everyone_and_a_late_callback_confirms_an_accepted_refund_once() {
        String village = villages(WEN).get(0);
        UUID household = registeredHousehold(WEN, village);
        UUID project = publish(WEN, householdProject(household, village, 30_000, Instant.now().plusSeconds(3600), List.of(tier("一份", 10_000, 50))));
        UUID tier = tierOf(WEN, project, 0);
        paidPledges(project, tier, 10_000, 3);
        PARTNER.mode(org.povertyalleviation.platform.fakes.PaymentPartnerSimulator.Mode.ACCEPT);
        try {
            problem(post("/counties/" + WEN + "/projects/" + project + "/cancellation", ADMIN, Map.of()).expectStatus().isBadRequest(), "reason");
            JsonNode cancelled = json(post("/counties/" + WEN + "/projects/" + project + "/cancellation", ADMIN, Map.of("reason", "冰雹，花椒绝收"))
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
            JsonNode refunds = Eventually.await("the refunds accepted by the partner", Duration.ofSeconds(60),
                    () -> json(get("/counties/" + WEN + "/projects/" + project + "/refunds", ADMIN).expectBody(String.class).returnResult().getResponseBody()),
                    list -> list.size() == 3 && java.util.stream.StreamSupport.stream(list.spliterator(), false)
                            .allMatch(refund -> refund.path("status").asString().equals("SENT")));
            for (JsonNode refund : refunds) {
                Map<String, Object> confirmed = Map.of("callbackId", "cb-r-" + refund.path("id").asString(), "kind", "REFUND", "refund",
                        refund.path("id").asString(), "status", "CONFIRMED", "amountFen", 10_000, "occurredAt", Instant.now().toString());
                callback(WEN, PAY, PAY_SECRET, confirmed).expectStatus().isOk();
                callback(WEN, PAY, PAY_SECRET, confirmed).expectStatus().isOk();
                // Another payment partner may not confirm partner-pay's refund.
                callback(WEN, "partner-jd", JD_SECRET, Map.of("callbackId", "cb-jd-" + refund.path("id").asString(), "kind", "REFUND", "refund",
                        refund.path("id").asString(), "status", "CONFIRMED", "amountFen", 10_000, "occurredAt", Instant.now().toString()))
                        .expectStatus().isForbidden();
            }
        } finally {
            PARTNER.mode(org.povertyalleviation.platform.fakes.PaymentPartnerSimulator.Mode.CONFIRM);
        }
        JsonNode money = settlement(WEN, project).path("money");
        assertThat(money.path("inFen").asLong()).isEqualTo(30_000);
        assertThat(money.path("refundedFen").asLong()).isEqualTo(30_000);
        assertThat(money.path("balanceFen").asLong()).isZero();
        post("/counties/" + WEN + "/projects/" + project + "/cancellation", ADMIN, Map.of("reason", "again")).expectStatus().isEqualTo(409);
    }

    @Test
    void an_undelivered_reward_of_a_funded_project_is_refunded_alone() {
        String village = villages(WEN).get(1);
        UUID household = registeredHousehold(WEN, village);
        UUID project = publish(WEN, householdProject(household, village, 20_000, Instant.now().plusSeconds(15), List.of(tier("一份", 10_000, 50))));
        UUID tier = tierOf(WEN, project, 0);
        List<String> pledges = paidPledges(project, tier, 10_000, 3);
        problem(post("/counties/" + WEN + "/pledges/" + pledges.get(0) + "/refund", CLERK, Map.of("note", "丢件")).expectStatus().isEqualTo(409), "status");
        awaitStatus(WEN, project, "FUNDED");
        problem(post("/counties/" + WEN + "/pledges/" + pledges.get(0) + "/refund", CLERK, Map.of()).expectStatus().isBadRequest(), "note");
        post("/counties/" + WEN + "/pledges/" + pledges.get(0) + "/refund", CLERK, Map.of("note", "快递丢件")).expectStatus().isOk();
        post("/counties/" + WEN + "/pledges/" + pledges.get(0) + "/refund", CLERK, Map.of("note", "快递丢件")).expectStatus().isEqualTo(409);
        Eventually.await("the refund confirmed", Duration.ofSeconds(60), () -> settlement(WEN, project).path("money").path("refundedFen").asLong(),
                refunded -> refunded == 10_000L);
        dispatchAll(WEN, project);
        JsonNode delivered = json(post("/counties/" + WEN + "/projects/" + project + "/delivery-confirmation", ADMIN, Map.of()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(delivered.path("payouts").get(0).path("amountFen").asLong()).isEqualTo(20_000);
        assertThat(delivered.path("money").path("balanceFen").asLong()).isZero();
    }
}
