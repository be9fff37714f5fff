package org.povertyalleviation.supplyplatform.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;
import tools.jackson.databind.JsonNode;

/** Workshops' wage sheets and paydays, which publish one WORKSHOP_WAGE income per household. */
class WorkshopIT extends SupplyPlatformIT {

    private String workshop() {
        UUID company = organisation("621222", CLERK, "ENTERPRISE", legalId("91621222"));
        return idOf(post("/counties/621222/workshops", CLERK, Map.of("organisation", company, "name", "碧口镇花椒分拣扶贫车间",
                "village", "621222101201")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    private static Map<String, Object> wage(UUID household, String worker, String day, String basis, long amountFen, Integer pieces) {
        Map<String, Object> wage = new HashMap<>(Map.of("household", household, "worker", worker, "workedOn", day, "basis", basis,
                "task", "分拣", "amountFen", amountFen));
        if (pieces != null) {
            wage.put("pieces", pieces);
        }
        return wage;
    }

    @Test
    void a_payday_pays_each_household_its_wages_once_and_flags_a_day_below_the_minimum() {
        String workshop = workshop();
        UUID first = registeredHousehold("621222", "621222101201");
        UUID second = registeredHousehold("621222", "621222101202");
        String wages = "/counties/621222/workshops/" + workshop + "/wages";
        post(wages, CLERK, wage(first, "W-1", "2026-10-12", "DAY", 12_000, null)).expectStatus().isCreated()
                .expectBody().jsonPath("$.belowMinimum").isEqualTo(false);
        post(wages, CLERK, wage(first, "W-2", "2026-10-12", "PIECE", 4_800, 120)).expectStatus().isCreated()
                .expectBody().jsonPath("$.belowMinimum").isEqualTo(false);
        post(wages, CLERK, wage(second, "W-3", "2026-10-13", "DAY", 9_000, null)).expectStatus().isCreated()
                .expectBody().jsonPath("$.belowMinimum").isEqualTo(true);
        // Work after the payday's last day waits for the next one.
        post(wages, CLERK, wage(second, "W-3", "2026-11-02", "DAY", 12_000, null)).expectStatus().isCreated();
        post(wages, CLERK, wage(first, "W-1", "2026-10-12", "DAY", 12_000, null)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("wage-recorded");
        get("/counties/621222/workshops/" + workshop, AUDITOR).expectStatus().isOk().expectBody()
                .jsonPath("$.unpaidRecords").isEqualTo(4).jsonPath("$.unpaidFen").isEqualTo(37_800).jsonPath("$.belowMinimum").isEqualTo(1)
                .jsonPath("$.dailyMinimumFen").isEqualTo(10_000);

        post("/counties/621222/workshops/" + workshop + "/paydays", CLERK, Map.of("paidOn", "2026-10-31")).expectStatus().isForbidden();
        post("/counties/621222/workshops/" + workshop + "/paydays", ADMIN, Map.of("paidOn", "2026-10-31"))
                .expectStatus().isCreated().expectBody().jsonPath("$.records").isEqualTo(3).jsonPath("$.totalFen").isEqualTo(25_800);
        // Resent: nothing left to pay up to that day, and nothing is written.
        post("/counties/621222/workshops/" + workshop + "/paydays", ADMIN, Map.of("paidOn", "2026-10-31")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("nothing-to-pay").jsonPath("$.field").isEqualTo("paidThrough");

        List<JsonNode> firstIncome = incomeOf(first, 1);
        assertThat(firstIncome).singleElement().satisfies(data -> {
            assertThat(data.path("source").asString()).isEqualTo("WORKSHOP_WAGE");
            assertThat(data.path("amountFen").asLong()).isEqualTo(16_800);
            assertThat(data.path("origin").asString()).startsWith("payday:").endsWith(":" + first);
            assertThat(data.path("month").asString()).isEqualTo("2026-10");
            assertThat(data.path("premiumFen").isNull()).isTrue();
        });
        assertThat(incomeOf(second, 1)).singleElement().satisfies(data -> assertThat(data.path("amountFen").asLong()).isEqualTo(9_000));
        assertThat(get("/counties/621222/workshops/" + workshop + "/paydays", ADMIN).expectBody(String.class).returnResult().getResponseBody())
                .contains("\"records\":3", "\"totalFen\":25800");
        get("/counties/621222/workshops/" + workshop, ADMIN).expectBody().jsonPath("$.unpaidRecords").isEqualTo(1).jsonPath("$.unpaidFen").isEqualTo(12_000);
        assertThat(get("/counties/621222/workshops/" + workshop + "/wages?from=2026-10-01&to=2026-10-31", CADRE).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain("\"payday\":null");
    }

    @Test
    void bad_wages_are_problems_naming_the_field() {
        String workshop = workshop();
        UUID household = registeredHousehold("621222", "621222102202");
        String wages = "/counties/621222/workshops/" + workshop + "/wages";
        post(wages, CLERK, wage(household, "W-9", "2026-10-12", "PIECE", 3_000, null)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("pieces-required").jsonPath("$.field").isEqualTo("pieces");
        post(wages, CLERK, wage(household, "W-9", "2026-10-12", "DAY", 0, null)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("amountFen");
        // A resident ID number or a phone number is not a pseudonym.
        post(wages, CLERK, wage(household, "62122219800101123X", "2026-10-12", "DAY", 10_000, null)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("worker");
        post(wages, CLERK, wage(household, "13800138000", "2026-10-12", "DAY", 10_000, null)).expectStatus().isBadRequest();
        post(wages, CLERK, wage(UUID.randomUUID(), "W-9", "2026-10-12", "DAY", 10_000, null)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-household").jsonPath("$.field").isEqualTo("household");
        post(wages, CLERK, wage(household, "W-9", "2099-10-12", "DAY", 10_000, null)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("work-in-future");
        get(wages + "?from=2026-10-31&to=2026-10-01", ADMIN).expectStatus().isBadRequest();
        post("/counties/621222/workshops", CLERK, Map.of("organisation", UUID.randomUUID(), "name", "x", "village", "621222101201"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("organisation");
        post("/counties/621222/workshops/" + workshop + "/paydays", ADMIN, Map.of("paidOn", "2026-10-31", "paidThrough", "2026-11-30"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("paid-before-worked");
        get("/counties/621222/workshops/" + workshop, ADMIN).expectBody().jsonPath("$.unpaidRecords").isEqualTo(0);
    }
}
