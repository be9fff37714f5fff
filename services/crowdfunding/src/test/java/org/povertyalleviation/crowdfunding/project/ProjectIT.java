package org.povertyalleviation.crowdfunding.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.crowdfunding.CrowdfundingIT;
import tools.jackson.databind.JsonNode;

/** A project from draft to publication: four eyes, frozen once published, every bad field named, nothing half-written. */
class ProjectIT extends CrowdfundingIT {

    private static final String WEN = "621222";

    @Test
    void a_clerk_reviews_and_another_admin_publishes_then_the_goal_and_tiers_are_frozen() {
        String village = villages(WEN).get(0);
        UUID household = registeredHousehold(WEN, village);
        Map<String, Object> body = householdProject(household, village, 3_000_000, Instant.now().plus(10, ChronoUnit.DAYS),
                List.of(tier("五斤装", 19_800, 200), tier("十斤装", 36_000, 50)));
        UUID project = UUID.fromString(idOf(post("/counties/" + WEN + "/projects", CLERK, body).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseBody()));
        JsonNode draft = project(WEN, project);
        assertThat(draft.path("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.path("shares").get(0).path("basisPoints").asInt()).isEqualTo(10_000);
        assertThat(draft.path("tiers")).hasSize(2);

        // A draft may be rewritten; approving before review is out of order.
        body.put("goalFen", 2_500_000L);
        put("/counties/" + WEN + "/projects/" + project, CLERK, body).expectStatus().isOk();
        assertThat(problem(post("/counties/" + WEN + "/projects/" + project + "/approval", ADMIN, Map.of("approve", true)).expectStatus()
                .isEqualTo(409), "status").path("reason").asString()).isEqualTo("wrong-status");

        post("/counties/" + WEN + "/projects/" + project + "/submission", CLERK, Map.of()).expectStatus().isOk();
        // Returned without a reason: 400 naming the note.
        problem(post("/counties/" + WEN + "/projects/" + project + "/review", CLERK, Map.of("approve", false)).expectStatus().isBadRequest(), "note");
        post("/counties/" + WEN + "/projects/" + project + "/review", ADMIN, Map.of("approve", true)).expectStatus().isOk();
        // The admin who reviewed may not approve too.
        assertThat(problem(post("/counties/" + WEN + "/projects/" + project + "/approval", ADMIN, Map.of("approve", true)).expectStatus()
                .isEqualTo(422), "approve").path("rule").asString()).isEqualTo("four-eyes");
        // A clerk may not approve at all.
        post("/counties/" + WEN + "/projects/" + project + "/approval", CLERK, Map.of("approve", true)).expectStatus().isForbidden();
        JsonNode published = json(post("/counties/" + WEN + "/projects/" + project + "/approval", DEPUTY, Map.of("approve", true)).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(published.path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.path("reviewedBy").asString()).isEqualTo(ADMIN);
        assertThat(published.path("approvedBy").asString()).isEqualTo(DEPUTY);
        assertThat(published.path("goalFen").asLong()).isEqualTo(2_500_000);

        body.put("goalFen", 100L);
        assertThat(problem(put("/counties/" + WEN + "/projects/" + project, CLERK, body).expectStatus().isEqualTo(409), "status").path("reason")
                .asString()).isEqualTo("frozen");
        assertThat(project(WEN, project).path("goalFen").asLong()).isEqualTo(2_500_000);

        // Partners see it in the catalogue, without household ids.
        String catalogue = get("/counties/" + WEN + "/catalogue/projects/" + project, "partner-wen").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(catalogue).contains("\"left\":200").doesNotContain(household.toString());
        // Kang's admin does not reach Wen's project.
        get("/counties/" + WEN + "/projects/" + project, "admin-621224").expectStatus().isForbidden();
    }

    @Test
    void every_bad_field_is_named_and_nothing_is_written() {
        String village = villages(WEN).get(1);
        UUID household = registeredHousehold(WEN, village);
        Instant deadline = Instant.now().plus(10, ChronoUnit.DAYS);
        long before = countOfProjects();

        Map<String, Object> noTiers = householdProject(household, village, 1_000_000, deadline, List.of());
        problem(post("/counties/" + WEN + "/projects", CLERK, noTiers).expectStatus().isBadRequest(), "tiers");
        Map<String, Object> badPrice = householdProject(household, village, 1_000_000, deadline, List.of(tier("x", 0, 10)));
        problem(post("/counties/" + WEN + "/projects", CLERK, badPrice).expectStatus().isBadRequest(), "tiers[0].priceFen");
        Map<String, Object> past = householdProject(household, village, 1_000_000, Instant.now().minusSeconds(5), List.of(tier("x", 100, 10)));
        problem(post("/counties/" + WEN + "/projects", CLERK, past).expectStatus().isBadRequest(), "deadline");
        Map<String, Object> foreignVillage = householdProject(household, villages("621224").get(0), 1_000_000, deadline, List.of(tier("x", 100, 10)));
        problem(post("/counties/" + WEN + "/projects", CLERK, foreignVillage).expectStatus().isBadRequest(), "village");
        Map<String, Object> unknownHousehold = householdProject(UUID.randomUUID(), village, 1_000_000, deadline, List.of(tier("x", 100, 10)));
        assertThat(problem(post("/counties/" + WEN + "/projects", CLERK, unknownHousehold).expectStatus().isEqualTo(422), "household").path("rule")
                .asString()).isEqualTo("unknown-household");

        UUID second = registeredHousehold(WEN, village);
        Map<String, Object> cooperative = householdProject(household, village, 1_000_000, deadline, List.of(tier("x", 100, 10)));
        cooperative.remove("household");
        cooperative.put("ownerKind", "COOPERATIVE");
        cooperative.put("cooperative", "石峡村花椒专业合作社");
        cooperative.put("shares", List.of(Map.of("household", household, "basisPoints", 6000), Map.of("household", second, "basisPoints", 3000)));
        assertThat(problem(post("/counties/" + WEN + "/projects", CLERK, cooperative).expectStatus().isEqualTo(422), "shares").path("rule").asString())
                .isEqualTo("shares-sum");
        assertThat(countOfProjects()).isEqualTo(before);

        cooperative.put("shares", List.of(Map.of("household", household, "basisPoints", 6000), Map.of("household", second, "basisPoints", 4000)));
        post("/counties/" + WEN + "/projects", CLERK, cooperative).expectStatus().isCreated();
        assertThat(countOfProjects()).isEqualTo(before + 1);
    }

    private long countOfProjects() {
        return json(get("/counties/" + WEN + "/projects?limit=200", ADMIN).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).size();
    }
}
