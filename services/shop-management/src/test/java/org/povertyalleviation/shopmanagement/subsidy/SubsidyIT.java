package org.povertyalleviation.shopmanagement.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.isolation.CountyIsolation;
import org.povertyalleviation.shopmanagement.Events;
import org.povertyalleviation.shopmanagement.ShopManagementIT;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** The shop-opening subsidy: submission, the admin's decision within the year's budget, payment. */
class SubsidyIT extends ShopManagementIT {

    private static final int YEAR = Year.now(ZoneId.of("Asia/Shanghai")).getValue();

    @Test
    void a_submitted_subsidy_is_approved_within_the_budget_paid_and_announced() {
        String household = knownHousehold("621222", "B-0001", "621222101201");
        String shop = ownedShop("621222", household, "B-Owned-1");
        ensureBudget("621222", 5_000_000);

        String subsidy = idOf(post("/counties/621222/subsidies", CLERK, Map.of("shop", shop)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        get("/counties/621222/subsidies/" + subsidy, "auditor-621222").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("SUBMITTED").jsonPath("$.household").isEqualTo(household)
                .jsonPath("$.amountFen").isEqualTo(1_000_000).jsonPath("$.submittedBy").isEqualTo(CLERK);
        get("/counties/621222/subsidies?status=SUBMITTED&limit=500", ADMIN).expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains(subsidy));

        // Only a county admin decides; a payment waits for the approval. A partner has no part in subsidies.
        post("/counties/621222/subsidies/" + subsidy + "/approval", CLERK, Map.of()).expectStatus().isForbidden();
        post("/counties/621222/subsidies/" + subsidy + "/approval", "partner-wen", Map.of()).expectStatus().isForbidden();
        post("/counties/621222/subsidies", "partner-wen", Map.of("shop", shop)).expectStatus().isForbidden();
        get("/counties/621222/subsidies/" + subsidy, "partner-wen").expectStatus().isForbidden();
        get("/counties/621222/subsidy-budgets/" + YEAR, "partner-wen").expectStatus().isForbidden();
        post("/counties/621222/subsidies/" + subsidy + "/payment", CLERK, Map.of("paidOn", LocalDate.now().toString()))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("not-approved");
        long committedBefore = committed("621222");
        post("/counties/621222/subsidies/" + subsidy + "/approval", ADMIN, Map.of()).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("APPROVED").jsonPath("$.budgetYear").isEqualTo(YEAR).jsonPath("$.decidedBy").isEqualTo(ADMIN);
        assertThat(committed("621222")).isEqualTo(committedBefore + 1_000_000);
        post("/counties/621222/subsidies/" + subsidy + "/approval", ADMIN, Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("already-decided");
        String approved = Events.read("subsidy.approved.v1", 1, "\"subject\":\"" + subsidy + "\"").get(0);
        assertThat(Events.schemaErrors("subsidy.approved.v1", approved)).isEmpty();

        post("/counties/621222/subsidies/" + subsidy + "/payment", CLERK, Map.of("paidOn", LocalDate.now().plusDays(2).toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("paidOn");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        post("/counties/621222/subsidies/" + subsidy + "/payment", CLERK, Map.of("paidOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("paidOn");
        post("/counties/621222/subsidies/" + subsidy + "/payment", CLERK, Map.of("paidOn", today, "reference", "WXCZ-2026-0001"))
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID").jsonPath("$.paidOn").isEqualTo(today);
        String paid = Events.read("subsidy.paid.v1", 1, "\"subject\":\"" + subsidy + "\"").get(0);
        assertThat(Events.schemaErrors("subsidy.paid.v1", paid)).isEmpty();
        assertThat(paid).contains("\"household\":\"" + household + "\"", "\"amountFen\":1000000", "\"month\":\"" + today.substring(0, 7) + "\"");

        // The subsidy stays with its household: the shop cannot be handed to another owner household.
        String other = knownHousehold("621222", "B-0002", "621222101201");
        put("/counties/621222/shops/" + shop, ADMIN, Map.of("village", "621222101201", "name", "B-Owned-1", "platform", "TAOBAO",
                "ownerCategory", "POOR_HOUSEHOLD", "ownerHousehold", other)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("owner-has-subsidy");
        put("/counties/621222/shops/" + shop, ADMIN, Map.of("village", "621222101201", "name", "B-Owned-1 (renamed)", "platform", "TAOBAO",
                "ownerCategory", "POOR_HOUSEHOLD", "ownerHousehold", household)).expectStatus().isOk();

        // One subsidy per household, ever.
        String second = ownedShop("621222", household, "B-Owned-2");
        post("/counties/621222/subsidies", CLERK, Map.of("shop", second)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("one-subsidy-per-household");
    }

    @Test
    void a_rejection_needs_a_reason_and_leaves_the_household_free_to_apply_again() {
        String household = knownHousehold("621222", "B-0101", "621222101202");
        String shop = ownedShop("621222", household, "B-Rejected");
        String subsidy = idOf(post("/counties/621222/subsidies", CLERK, Map.of("shop", shop)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        post("/counties/621222/subsidies/" + subsidy + "/rejection", ADMIN, Map.of("reason", " ")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("reason");
        post("/counties/621222/subsidies/" + subsidy + "/rejection", ADMIN, Map.of("reason", "店铺尚未实际运营")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("REJECTED").jsonPath("$.rejectionReason").isEqualTo("店铺尚未实际运营");
        assertThat(Events.present("subsidy.approved.v1", "\"subject\":\"" + subsidy + "\"")).isEmpty();
        post("/counties/621222/subsidies", CLERK, Map.of("shop", shop)).expectStatus().isCreated();
    }

    @Test
    void only_a_poor_households_own_shop_is_subsidised() {
        String cooperative = shop("621222", "621222102201", "B-Cooperative", "OPEN");
        post("/counties/621222/subsidies", CLERK, Map.of("shop", cooperative)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("owner-not-poor-household").jsonPath("$.field").isEqualTo("shop");
        post("/counties/621222/subsidies", CLERK, Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("shop");
        post("/counties/621222/subsidies", CLERK, Map.of("shop", "00000000-0000-0000-0000-000000000000")).expectStatus().isEqualTo(422);
        post("/counties/621222/subsidies/00000000-0000-0000-0000-000000000000/approval", ADMIN, Map.of()).expectStatus().isNotFound();
    }

    @Test
    void parallel_approvals_never_exceed_the_years_budget() {
        // Kang County pays 12,000 yuan (its own amount in configuration): room for exactly two more approvals.
        long amount = 1_200_000;
        List<String> subsidies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String household = knownHousehold("621224", "B-K-" + i, "621224101201");
            String shop = ownedShop("621224", household, "B-K-Shop-" + i);
            subsidies.add(idOf(post("/counties/621224/subsidies", "clerk-621224", Map.of("shop", shop)).expectStatus().isCreated()
                    .expectBody(String.class).returnResult().getResponseBody()));
        }
        long committed = ensureBudget("621224", 0);
        put("/counties/621224/subsidy-budgets/" + YEAR, "admin-621224", Map.of("budgetFen", committed + 2 * amount + amount / 2))
                .expectStatus().isOk();

        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        String token = tokenFor("admin-621224");
        List<Integer> statuses = Flux.fromIterable(subsidies)
                .flatMap(id -> client.post().uri("/counties/621224/subsidies/" + id + "/approval").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchangeToMono(response -> response.releaseBody()
                                .thenReturn(response.statusCode().value())), subsidies.size())
                .collectList().block();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(4);
        get("/counties/621224/subsidy-budgets/" + YEAR, "admin-621224").expectStatus().isOk().expectBody()
                .jsonPath("$.committedFen").isEqualTo(committed + 2 * amount)
                .jsonPath("$.remainingFen").isEqualTo(amount / 2);
        get("/counties/621224/subsidies?status=APPROVED&limit=500", "admin-621224").expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(subsidies.stream().filter(body::contains)).hasSize(2));
        // The budget cannot go below what is committed.
        put("/counties/621224/subsidy-budgets/" + YEAR, "admin-621224", Map.of("budgetFen", committed + amount))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("budget-below-committed");
        put("/counties/621224/subsidy-budgets/" + YEAR, "admin-621222", Map.of("budgetFen", 1)).expectStatus().isForbidden();
    }

    @Test
    void whoever_submitted_an_application_does_not_approve_it() {
        String household = knownHousehold("621222", "B-4EYES", "621222101202");
        String shop = ownedShop("621222", household, "B-Four-Eyes");
        ensureBudget("621222", 5_000_000);
        String subsidy = idOf(post("/counties/621222/subsidies", ADMIN, Map.of("shop", shop)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());

        post("/counties/621222/subsidies/" + subsidy + "/approval", ADMIN, Map.of()).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("four-eyes");
        get("/counties/621222/subsidies/" + subsidy, ADMIN).expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        post("/counties/621222/subsidies/" + subsidy + "/approval", "deputy-621222", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.decidedBy").isEqualTo("deputy-621222");
    }

    @Test
    void without_a_budget_for_the_year_nothing_is_approved() {
        get("/counties/621222/subsidy-budgets/2001", ADMIN).expectStatus().isNotFound();
        put("/counties/621222/subsidy-budgets/1999", ADMIN, Map.of("budgetFen", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("year");
        put("/counties/621222/subsidy-budgets/2030", ADMIN, Map.of("budgetFen", -1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("budgetFen");
    }

    @Test
    void another_county_reaches_none_of_the_subsidy_endpoints() {
        String household = knownHousehold("621224", "B-K-ISO", "621224101202");
        String shop = ownedShop("621224", household, "B-K-Isolated");
        String kangSubsidy = idOf(post("/counties/621224/subsidies", "admin-621224", Map.of("shop", shop)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        CountyIsolation.of("http://127.0.0.1:" + port)
                .actingAs("621222", tokenFor(ADMIN))
                .foreignRecord("621224", kangSubsidy, tokenFor("admin-621224"))
                .endpoint("GET", "/counties/{county}/subsidies/{id}")
                .endpoint("POST", "/counties/{county}/subsidies/{id}/approval", "{}")
                .endpoint("POST", "/counties/{county}/subsidies/{id}/rejection", "{\"reason\":\"not ours\"}")
                .endpoint("POST", "/counties/{county}/subsidies/{id}/payment", "{\"paidOn\":\"2026-01-05\"}")
                .endpoint("POST", "/counties/{county}/subsidies", "{\"shop\":\"" + shop + "\"}")
                .listing("/counties/{county}/subsidies?limit=500")
                .listing("/counties/{county}/subsidies?household=" + household)
                .assertIsolated();
    }

    private String ownedShop(String county, String household, String name) {
        return shop(county, Map.of("village", county + "101201", "name", name, "platform", "TAOBAO", "ownerCategory", "POOR_HOUSEHOLD",
                "ownerHousehold", household, "status", "OPEN"));
    }

    /** Sets the year's budget to at least what is committed plus {@code room}; returns what is committed. */
    private long ensureBudget(String county, long room) {
        long committed = committed(county);
        put("/counties/" + county + "/subsidy-budgets/" + YEAR, "admin-" + county, Map.of("budgetFen", committed + room)).expectStatus().isOk();
        return committed;
    }

    private long committed(String county) {
        var result = get("/counties/" + county + "/subsidy-budgets/" + YEAR, "admin-" + county).returnResult(String.class);
        if (result.getStatus().value() == 404) {
            return 0;
        }
        String body = String.join("", result.getResponseBody().collectList().block());
        return Long.parseLong(body.replaceAll(".*\"committedFen\":(\\d+).*", "$1"));
    }
}
