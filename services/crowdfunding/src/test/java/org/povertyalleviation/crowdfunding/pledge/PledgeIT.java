package org.povertyalleviation.crowdfunding.pledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.CrowdfundingIT;
import tools.jackson.databind.JsonNode;

/** Pledges: a tier never oversold under a race, the same key answers the same pledge, and what is refused writes nothing. */
class PledgeIT extends CrowdfundingIT {

    private static final String WEN = "621222";

    private UUID openProject(int limit) {
        String village = villages(WEN).get(2);
        UUID household = registeredHousehold(WEN, village);
        return publish(WEN, householdProject(household, village, 10_000_000, Instant.now().plus(10, ChronoUnit.DAYS), List.of(tier("五斤装", 19_800, limit))));
    }

    @Test
    void forty_partners_racing_for_ten_rewards_get_exactly_ten() throws Exception {
        UUID project = openProject(10);
        UUID tier = tierOf(WEN, project, 0);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        for (int i = 0; i < 40; i++) {
            int n = i;
            pool.submit(() -> {
                int status = post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen",
                        pledge("race-" + project + "-" + n, tier, 1, 19_800, "pay-race-" + project + "-" + n))
                        .returnResult(String.class).getStatus().value();
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(statuses.get(201).get()).isEqualTo(10);
        assertThat(statuses.get(409).get()).isEqualTo(30);
        JsonNode found = project(WEN, project);
        assertThat(found.path("tiers").get(0).path("taken").asInt()).isEqualTo(10);
        assertThat(found.path("progress").path("pendingPledges").asInt()).isEqualTo(10);

        JsonNode soldOut = problem(post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen",
                pledge("late-" + project, tier, 1, 19_800, "pay-late-" + project)).expectStatus().isEqualTo(409), "quantity");
        assertThat(soldOut.path("reason").asString()).isEqualTo("tier-sold-out");
        assertThat(soldOut.path("left").asInt()).isZero();
    }

    @Test
    void the_same_key_answers_the_same_pledge_and_refusals_write_nothing() {
        UUID project = openProject(100);
        UUID tier = tierOf(WEN, project, 0);
        String path = "/counties/" + WEN + "/projects/" + project + "/pledges";
        Map<String, Object> body = pledge("k-" + project, tier, 2, 39_600, "pay-k-" + project);
        String first = idOf(post(path, "partner-wen", body).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        JsonNode again = json(post(path, "partner-wen", body).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(again.path("id").asString()).isEqualTo(first);
        assertThat(again.path("repeated").asBoolean()).isTrue();
        Map<String, Object> other = pledge("k-" + project, tier, 3, 59_400, "pay-k-" + project);
        assertThat(problem(post(path, "partner-wen", other).expectStatus().isEqualTo(409), "pledgeKey").path("reason").asString())
                .isEqualTo("pledge-key-reused");

        assertThat(problem(post(path, "partner-wen", pledge("m-" + project, tier, 2, 30_000, "pay-m-" + project)).expectStatus().isEqualTo(422),
                "amountFen").path("rule").asString()).isEqualTo("amount-mismatch");
        Map<String, Object> unknownPartner = pledge("u-" + project, tier, 1, 19_800, "pay-u-" + project);
        unknownPartner.put("paymentPartner", "partner-nobody");
        assertThat(problem(post(path, "partner-wen", unknownPartner).expectStatus().isEqualTo(422), "paymentPartner").path("rule").asString())
                .isEqualTo("unknown-payment-partner");
        assertThat(problem(post(path, "partner-wen", pledge("t-" + project, UUID.randomUUID(), 1, 19_800, "pay-t-" + project)).expectStatus()
                .isEqualTo(422), "tier").path("rule").asString()).isEqualTo("unknown-tier");
        assertThat(problem(post(path, "partner-wen", pledge("r-" + project, tier, 2, 39_600, "pay-k-" + project)).expectStatus().isEqualTo(409),
                "paymentRef").path("reason").asString()).isEqualTo("payment-ref-taken");
        problem(post(path, "partner-wen", pledge("q-" + project, tier, 0, 0, "pay-q-" + project)).expectStatus().isBadRequest(), "quantity");
        problem(post(path, "partner-wen", pledge("bad key with spaces", tier, 1, 19_800, "pay-s-" + project)).expectStatus().isBadRequest(), "pledgeKey");
        JsonNode found = project(WEN, project);
        assertThat(found.path("tiers").get(0).path("taken").asInt()).isEqualTo(2);
        assertThat(found.path("progress").path("pendingPledges").asInt()).isEqualTo(1);

        // Another partner does not see the pledge; a partner not granted Wen does not reach it at all.
        get("/counties/" + WEN + "/pledges/" + first, "partner-wen").expectStatus().isOk();
        get("/counties/" + WEN + "/pledges/" + first, "partner-jd").expectStatus().isForbidden();
        // The payment partner taking its money does.
        get("/counties/" + WEN + "/pledges/" + first, PAY).expectStatus().isOk();
    }

    @Test
    void one_key_posted_ten_times_at_once_is_one_pledge() throws Exception {
        UUID project = openProject(100);
        UUID tier = tierOf(WEN, project, 0);
        Map<String, Object> body = pledge("same-" + project, tier, 2, 39_600, "pay-same-" + project);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        for (int i = 0; i < 10; i++) {
            pool.submit(() -> {
                int status = post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen", body).returnResult(String.class).getStatus()
                        .value();
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        // One made it; the others answered it (200) or were told to retry (409 pledge-in-flight); never a 500.
        assertThat(statuses.get(201).get()).isEqualTo(1);
        assertThat(statuses.keySet()).isSubsetOf(201, 200, 409);
        JsonNode found = project(WEN, project);
        assertThat(found.path("tiers").get(0).path("taken").asInt()).isEqualTo(2);
        assertThat(found.path("progress").path("pendingPledges").asInt()).isEqualTo(1);
    }

    @Test
    void a_draft_takes_no_pledges() {
        String village = villages(WEN).get(3);
        UUID household = registeredHousehold(WEN, village);
        UUID project = UUID.fromString(idOf(post("/counties/" + WEN + "/projects", CLERK, householdProject(household, village, 1_000_000,
                Instant.now().plus(5, ChronoUnit.DAYS), List.of(tier("x", 100, 10)))).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody()));
        UUID tier = tierOf(WEN, project, 0);
        assertThat(problem(post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen", pledge("d-" + project, tier, 1, 100,
                "pay-d-" + project)).expectStatus().isEqualTo(422), "project").path("rule").asString()).isEqualTo("not-open");
    }
}
