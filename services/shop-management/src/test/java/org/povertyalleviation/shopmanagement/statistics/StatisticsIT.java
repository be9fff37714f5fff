package org.povertyalleviation.shopmanagement.statistics;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.shopmanagement.ShopManagementIT;

/**
 * The county administrators' dashboard. The counts are checked exactly, so each test uses a county no other test
 * class writes to: Xihe (621225) gets shops and subsidies here, Li (621226) gets nothing.
 */
class StatisticsIT extends ShopManagementIT {

    private static final int YEAR = Year.now(ZoneId.of("Asia/Shanghai")).getValue();
    private static final String XIHE = "621225";
    private static final String XIHE_ADMIN = "admin-621225";

    @Test
    void the_dashboard_counts_shops_subsidies_the_years_budget_and_covered_poor_villages() {
        joinOnce(XIHE, "西和县");
        // Five poor households' own open shops in village 101201, each with an application: two stay submitted, one is
        // rejected, one approved, one approved and paid.
        String[] subsidies = new String[5];
        for (int i = 0; i < subsidies.length; i++) {
            String household = knownHousehold(XIHE, "T-" + i, XIHE + "101201");
            String shop = shop(XIHE, Map.of("village", XIHE + "101201", "name", "T-Owned-" + i, "platform", "TAOBAO",
                    "ownerCategory", "POOR_HOUSEHOLD", "ownerHousehold", household, "status", "OPEN"));
            subsidies[i] = idOf(post("/counties/" + XIHE + "/subsidies", "clerk-" + XIHE, Map.of("shop", shop)).expectStatus().isCreated()
                    .expectBody(String.class).returnResult().getResponseBody());
        }
        put("/counties/" + XIHE + "/subsidy-budgets/" + YEAR, XIHE_ADMIN, Map.of("budgetFen", 5_000_000)).expectStatus().isOk();
        put("/counties/" + XIHE + "/subsidy-budgets/" + (YEAR + 1), XIHE_ADMIN, Map.of("budgetFen", 7_000_000)).expectStatus().isOk();
        post("/counties/" + XIHE + "/subsidies/" + subsidies[2] + "/rejection", XIHE_ADMIN, Map.of("reason", "店铺尚未实际运营")).expectStatus().isOk();
        post("/counties/" + XIHE + "/subsidies/" + subsidies[3] + "/approval", XIHE_ADMIN, Map.of()).expectStatus().isOk();
        post("/counties/" + XIHE + "/subsidies/" + subsidies[4] + "/approval", XIHE_ADMIN, Map.of()).expectStatus().isOk();
        post("/counties/" + XIHE + "/subsidies/" + subsidies[4] + "/payment", XIHE_ADMIN,
                Map.of("paidOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString())).expectStatus().isOk();

        // Village 102201 is covered by an open cooperative; 102202, 103201, 103202 and 101202 have shops that do not
        // cover them; the open shop of 104201 counts as a shop but the village is not poor.
        shop(XIHE, XIHE + "102201", "T-Open", "OPEN");
        shop(XIHE, XIHE + "104201", "T-Open-Not-Poor", "OPEN");
        shop(XIHE, XIHE + "102202", "T-Planned-1", "PLANNED");
        shop(XIHE, XIHE + "103201", "T-Planned-2", "PLANNED");
        String dormant = shop(XIHE, XIHE + "103202", "T-Dormant", "OPEN");
        post("/counties/" + XIHE + "/shops/" + dormant + "/status", XIHE_ADMIN, Map.of("status", "DORMANT")).expectStatus().isOk();
        String closed = shop(XIHE, XIHE + "101202", "T-Closed", "PLANNED");
        post("/counties/" + XIHE + "/shops/" + closed + "/status", XIHE_ADMIN, Map.of("status", "CLOSED", "reason", "never opened"))
                .expectStatus().isOk();

        String counts = "\"shops\":{\"total\":11,\"byStatus\":{\"PLANNED\":2,\"OPEN\":7,\"DORMANT\":1,\"CLOSED\":1}},"
                + "\"subsidies\":{\"byStatus\":{\"SUBMITTED\":2,\"APPROVED\":1,\"REJECTED\":1,\"PAID\":1},";
        String coverage = "\"coverage\":{\"poorVillages\":6,\"coveredPoorVillages\":2,\"uncoveredPoorVillages\":4}}";
        // Without a year, this year in China time: two approvals of 10,000 yuan committed against its budget.
        assertBody("/counties/" + XIHE + "/statistics", XIHE_ADMIN, "{\"county\":\"" + XIHE + "\",\"year\":" + YEAR + "," + counts
                + "\"budgetFen\":5000000,\"committedFen\":2000000}," + coverage);
        // Another year changes only the budget: the counts are of every shop and application the county has.
        assertBody("/counties/" + XIHE + "/statistics?year=" + (YEAR + 1), "officer-621200", "{\"county\":\"" + XIHE + "\",\"year\":" + (YEAR + 1)
                + "," + counts + "\"budgetFen\":7000000,\"committedFen\":0}," + coverage);
        assertBody("/counties/" + XIHE + "/statistics?year=2001", "operator", "{\"county\":\"" + XIHE + "\",\"year\":2001," + counts
                + "\"budgetFen\":null,\"committedFen\":null}," + coverage);
    }

    @Test
    void a_county_with_nothing_yet_shows_every_status_at_zero_and_no_budget() {
        joinOnce("621226", "礼县");
        assertBody("/counties/621226/statistics", "officer-621200", "{\"county\":\"621226\",\"year\":" + YEAR + ","
                + "\"shops\":{\"total\":0,\"byStatus\":{\"PLANNED\":0,\"OPEN\":0,\"DORMANT\":0,\"CLOSED\":0}},"
                + "\"subsidies\":{\"byStatus\":{\"SUBMITTED\":0,\"APPROVED\":0,\"REJECTED\":0,\"PAID\":0},\"budgetFen\":null,\"committedFen\":null},"
                + "\"coverage\":{\"poorVillages\":6,\"coveredPoorVillages\":0,\"uncoveredPoorVillages\":6}}");
        // As the budget endpoint answers the same year: there is none.
        get("/counties/621226/subsidy-budgets/" + YEAR, "operator").expectStatus().isNotFound();
    }

    @Test
    void a_malformed_year_is_named() {
        for (String year : new String[] {"20x6", "26", "", "1999", "2101", "2026.0"}) {
            get("/counties/621222/statistics?year=" + year, ADMIN).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$['invalid-params'][0].name").isEqualTo("year");
        }
        get("/counties/62122/statistics", ADMIN).expectStatus().isBadRequest().expectBody()
                .jsonPath("$['invalid-params'][0].name").isEqualTo("county");
        get("/counties/621299/statistics", "operator").expectStatus().isNotFound();
    }

    @Test
    void the_county_reads_its_dashboard_but_a_partner_does_not() {
        // partner-wen is granted Wen County: the county gate lets it in, the dashboard is the county's administration.
        get("/counties/621222/statistics", "partner-wen").expectStatus().isForbidden();
        get("/counties/621222/statistics", "auditor-621222").expectStatus().isOk();
        get("/counties/621222/statistics", "cadre-621222").expectStatus().isOk();
        get("/counties/621222/statistics", "admin-621224").expectStatus().isForbidden();
    }

    private void assertBody(String path, String user, String expected) {
        get(path, user).expectStatus().isOk().expectBody(String.class).isEqualTo(expected);
    }
}
