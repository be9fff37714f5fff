package org.povertyalleviation.crowdfunding.pledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.CrowdfundingIT;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Payment callbacks: signed, idempotent, tolerant of order, and each partner only for its own payments. */
class PaymentIT extends CrowdfundingIT {

    private static final String WEN = "621222";

    private UUID openProject() {
        String village = villages(WEN).get(4);
        UUID household = registeredHousehold(WEN, village);
        return publish(WEN, householdProject(household, village, 10_000_000, Instant.now().plus(10, ChronoUnit.DAYS), List.of(tier("五斤装", 19_800, 100))));
    }

    private JsonNode pledgeOf(String id) {
        return json(get("/counties/" + WEN + "/pledges/" + id, ADMIN).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void a_payment_counts_once_however_often_and_in_whatever_order_it_is_told() {
        UUID project = openProject();
        UUID tier = tierOf(WEN, project, 0);
        String ref = "pay-" + project;
        // The partner's word arrives before the platform's pledge: kept, 202.
        Map<String, Object> paid = payment("cb-paid-" + project, ref, "PAID", 19_800, Instant.now().minusSeconds(30));
        assertThat(json(callback(WEN, PAY, PAY_SECRET, paid).expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody())
                .path("outcome").asString()).isEqualTo("UNMATCHED");
        String pledge = idOf(post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen", pledge("p-" + project, tier, 1, 19_800, ref))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        assertThat(pledgeOf(pledge).path("status").asString()).isEqualTo("PAID");

        // The same callback again: no second effect; its id with other content: a mistake.
        assertThat(json(callback(WEN, PAY, PAY_SECRET, paid).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .path("repeated").asBoolean()).isTrue();
        Map<String, Object> reused = payment("cb-paid-" + project, ref, "FAILED", 19_800, Instant.now().minusSeconds(30));
        assertThat(problem(callback(WEN, PAY, PAY_SECRET, reused).expectStatus().isEqualTo(409), "callbackId").path("reason").asString())
                .isEqualTo("callback-id-reused");
        // An earlier attempt's failure, arriving late: changes nothing.
        assertThat(json(callback(WEN, PAY, PAY_SECRET, payment("cb-fail-" + project, ref, "FAILED", 19_800, Instant.now().minusSeconds(60)))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()).path("outcome").asString()).isEqualTo("IGNORED");
        JsonNode found = project(WEN, project);
        assertThat(found.path("progress").path("paidFen").asLong()).isEqualTo(19_800);
        assertThat(settlement(WEN, project).path("money").path("inFen").asLong()).isEqualTo(19_800);
    }

    @Test
    void a_failed_payment_gives_the_reward_back_and_a_wrong_amount_is_refused() {
        UUID project = openProject();
        UUID tier = tierOf(WEN, project, 0);
        String ref = "pay-f-" + project;
        String pledge = idOf(post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen", pledge("f-" + project, tier, 3, 59_400, ref))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        assertThat(problem(callback(WEN, PAY, PAY_SECRET, payment("cb-x-" + project, ref, "PAID", 100, Instant.now())).expectStatus().isEqualTo(422),
                "amountFen").path("rule").asString()).isEqualTo("amount-mismatch");
        callback(WEN, PAY, PAY_SECRET, payment("cb-p-" + project, ref, "PENDING", 59_400, Instant.now())).expectStatus().isOk();
        callback(WEN, PAY, PAY_SECRET, payment("cb-f-" + project, ref, "FAILED", 59_400, Instant.now())).expectStatus().isOk();
        assertThat(pledgeOf(pledge).path("status").asString()).isEqualTo("FAILED");
        assertThat(project(WEN, project).path("tiers").get(0).path("taken").asInt()).isZero();

        // The money taken after all (a retry at the partner): booked in and refunded at once.
        assertThat(json(callback(WEN, PAY, PAY_SECRET, payment("cb-late-" + project, ref, "PAID", 59_400, Instant.now())).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).path("outcome").asString()).isEqualTo("LATE_PAYMENT_REFUNDED");
        org.povertyalleviation.platform.infra.Eventually.await("the late payment refunded", java.time.Duration.ofSeconds(30),
                () -> pledgeOf(pledge).path("status").asString(), "REFUNDED"::equals);
        JsonNode money = settlement(WEN, project).path("money");
        assertThat(money.path("inFen").asLong()).isEqualTo(59_400);
        assertThat(money.path("refundedFen").asLong()).isEqualTo(59_400);
        assertThat(money.path("balanceFen").asLong()).isZero();
    }

    @Test
    void only_the_payment_partner_that_signs_may_tell() {
        UUID project = openProject();
        UUID tier = tierOf(WEN, project, 0);
        String ref = "pay-s-" + project;
        String pledge = idOf(post("/counties/" + WEN + "/projects/" + project + "/pledges", "partner-wen", pledge("s-" + project, tier, 1, 19_800, ref))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        Map<String, Object> paid = payment("cb-s-" + project, ref, "PAID", 19_800, Instant.now());
        // Signed with another secret.
        callback(WEN, PAY, JD_SECRET, paid).expectStatus().isForbidden();
        // Unsigned.
        web.post().uri("/counties/" + WEN + "/payment-callbacks").header("Authorization", "Bearer " + tokenFor(PAY))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(paid).getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isForbidden();
        // A platform partner that is not a payment partner.
        callback(WEN, "partner-wen", PAY_SECRET, paid).expectStatus().isForbidden();
        assertThat(pledgeOf(pledge).path("status").asString()).isEqualTo("PENDING");
        // Malformed: 400 naming the field.
        problem(callback(WEN, PAY, PAY_SECRET, payment("cb-m-" + project, ref, "MAYBE", 19_800, Instant.now())).expectStatus().isBadRequest(), "status");
        callback(WEN, PAY, PAY_SECRET, paid).expectStatus().isOk();
        assertThat(pledgeOf(pledge).path("status").asString()).isEqualTo("PAID");
    }
}
