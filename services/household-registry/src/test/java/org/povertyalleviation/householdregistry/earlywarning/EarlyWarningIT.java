package org.povertyalleviation.householdregistry.earlywarning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.registration;
import static org.povertyalleviation.householdregistry.household.HouseholdMother.residentId;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.Events;
import org.povertyalleviation.householdregistry.HouseholdRegistryIT;

/** Return-to-poverty early warning on the real ledger: a lifted household whose income stops becomes MONITORED. */
class EarlyWarningIT extends HouseholdRegistryIT {

    private static final YearMonth NOW = YearMonth.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void a_lifted_household_whose_ecommerce_income_stopped_becomes_monitored_and_at_risk_is_published() {
        // Shop income in the three months before the last three, none since: the sweep finds the fall.
        String household = register("EW-1");
        // 8,000 yuan a month: any one month is above the line of its year, so the exit verifies whatever today is.
        for (int i = 4; i <= 6; i++) {
            income(household, NOW.minusMonths(i), "SHOP_SHARE", 800_000);
        }
        lift(household, NOW.minusMonths(4).getYear());

        String sweep = post("/counties/621222/early-warning/sweeps", Map.of()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(sweep).contains("\"county\":\"621222\"").containsPattern("\"atRisk\":[1-9]");

        get("/counties/621222/households/" + household).expectBody()
                .jsonPath("$.status").isEqualTo("MONITORED")
                .jsonPath("$.statusReason").value(reason -> assertThat((String) reason).startsWith("Early warning: E-commerce income"));
        List<String> atRisk = Events.about("household.events", "household.at-risk.v1", household, 1);
        assertThat(atRisk).hasSize(1);
        assertThat(Events.schemaErrors("household.at-risk.v1", atRisk.get(0))).isEmpty();
        assertThat(atRisk.get(0)).contains("\"detectedBy\":\"EARLY_WARNING\"").contains("\"rule\":\"ECOMMERCE_INCOME_FELL\"")
                .contains("\"trailingEcommerceIncomeFen\":0").contains("\"previousEcommerceIncomeFen\":2400000");
    }

    @Test
    void an_income_entry_that_leaves_a_lifted_household_near_the_line_flags_it_at_once() {
        String household = register("EW-2");
        // Lifted on 10,000 yuan two years ago, outside the last twelve months.
        int year = NOW.getYear() - 2;
        income(household, YearMonth.of(year, 6), "WORKSHOP_WAGE", 1_000_000);
        lift(household, year);
        assertThat(status(household)).isEqualTo("LIFTED");

        // 800 yuan in the last twelve months: far below the line. The entry itself triggers the check.
        income(household, NOW.minusMonths(1), "ORDER_PREMIUM", 80_000);

        assertThat(status(household)).isEqualTo("MONITORED");
        assertThat(Events.about("household.events", "household.at-risk.v1", household, 1).get(0)).contains("NEAR_POVERTY_LINE");
    }

    private String register(String fileNumber) {
        Map<String, Object> request = registration("621222", fileNumber, residentId("621222"));
        request.put("village", "621222102201");
        return register("621222", request);
    }

    private void income(String household, YearMonth month, String source, long fen) {
        post("/counties/621222/households/" + household + "/income", Map.of("month", month.toString(), "source", source, "amountFen", fen))
                .expectStatus().isCreated();
    }

    /** Lifts against the year's own line (the household's income of that year must be above it). */
    private void lift(String household, int year) {
        post("/counties/621222/households/" + household + "/status", Map.of("status", "LIFTED", "year", year))
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("LIFTED");
    }

    private String status(String household) {
        return get("/counties/621222/households/" + household).expectBody(String.class).returnResult().getResponseBody()
                .replaceAll("(?s).*\"status\":\"([A-Z]+)\".*", "$1");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec get(String path) {
        return get(path, CLERK);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String path, Object body) {
        return post(path, CLERK, body);
    }
}
