package org.povertyalleviation.shopmanagement.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.shopmanagement.Events;
import org.povertyalleviation.shopmanagement.ShopManagementIT;

/** Monthly sales reports, the income they share out to linked households, and their corrections. */
class SalesIT extends ShopManagementIT {

    /** The month the first test reports and corrects (named for the example in docs/events; any recent month does). */
    private static final String OCTOBER = monthsAgo(1);

    @Test
    void a_partner_reports_only_for_the_shops_bound_to_it() {
        // partner-wen is granted Wen and bound to Taobao and Pinduoduo: before, it could report any Wen shop's sales.
        String jdShop = shop("621222", Map.of("village", "621222101202", "name", "R-JD-Shop", "platform", "JD",
                "ownerCategory", "COOPERATIVE", "status", "OPEN"));
        post("/counties/621222/shops/" + jdShop + "/sales-reports", "partner-wen", Map.of("month", OCTOBER, "orders", 3, "grossFen", 9000))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("JD", "partner-wen"));
        get("/counties/621222/shops/" + jdShop + "/sales-reports", CLERK).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        // County staff report for any shop of the county.
        post("/counties/621222/shops/" + jdShop + "/sales-reports", CLERK, Map.of("month", OCTOBER, "orders", 3, "grossFen", 9000))
                .expectStatus().isCreated();
    }

    @Test
    void a_partners_report_shares_the_net_among_linked_households_and_a_correction_replaces_it() {
        String shop = shop("621222", "621222101201", "R-Shares", "OPEN");
        String supplier = knownHousehold("621222", "R-0001", "621222101201");
        String employee = knownHousehold("621222", "R-0002", "621222101201");
        String shareholder = knownHousehold("621222", "R-0003", "621222101201");
        link("621222", shop, supplier, "SUPPLIER", Map.of("rule", "SALES_SHARE", "sharePercent", 12.5));
        link("621222", shop, employee, "EMPLOYEE", Map.of("rule", "FIXED_MONTHLY", "fixedAmountFen", 150000));
        link("621222", shop, shareholder, "SHAREHOLDER", Map.of("rule", "SALES_SHARE", "sharePercent", 3.33));

        // Net 2,487,500 fen: 12.5 % is 310,937.5 (310,937 fen, rounded down), 3.33 % is 82,833.75 (82,833).
        post("/counties/621222/shops/" + shop + "/sales-reports", "partner-wen",
                Map.of("month", OCTOBER, "orders", 412, "grossFen", 2549000, "refundsFen", 61500))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.netFen").isEqualTo(2487500).jsonPath("$.revision").isEqualTo(1).jsonPath("$.reportedBy").isEqualTo("PARTNER")
                .jsonPath("$.reporter").isEqualTo("partner-wen")
                .jsonPath("$.shares[?(@.household=='" + supplier + "')].amountFen").isEqualTo(310937)
                .jsonPath("$.shares[?(@.household=='" + employee + "')].amountFen").isEqualTo(150000)
                .jsonPath("$.shares[?(@.household=='" + shareholder + "')].amountFen").isEqualTo(82833);

        List<String> earned = Events.read("shop.household-income-earned.v1", 3, "\"subject\":\"" + shop + "\"", "\"month\":\"" + OCTOBER + "\"");
        assertThat(earned).hasSize(3).allSatisfy(event -> {
            assertThat(Events.schemaErrors("shop.household-income-earned.v1", event)).isEmpty();
            assertThat(event).contains("\"revision\":1");
        });
        assertThat(earned).anySatisfy(event -> assertThat(event).contains(supplier, "\"amountFen\":310937", "\"rule\":\"SALES_SHARE\"", "\"role\":\"SUPPLIER\""));
        String reported = Events.read("shop.sales-reported.v1", 1, "\"subject\":\"" + shop + "\"").get(0);
        assertThat(Events.schemaErrors("shop.sales-reported.v1", reported)).isEmpty();
        assertThat(reported).contains("\"distributedFen\":543770", "\"netFen\":2487500");

        // The same figures again (a partner's retry without its key): nothing changes, nothing is sent.
        post("/counties/621222/shops/" + shop + "/sales-reports", "partner-wen",
                Map.of("month", OCTOBER, "orders", 412, "grossFen", 2549000, "refundsFen", 61500))
                .expectStatus().isOk().expectBody().jsonPath("$.revision").isEqualTo(1);

        // The shareholder leaves and a newcomer joins; then the partner corrects October's refunds. October's income
        // was shared by October's links: the correction changes the amounts, not who shared in them or how.
        delete("/counties/621222/shops/" + shop + "/households/" + shareholder, ADMIN).expectStatus().isOk();
        String newcomer = knownHousehold("621222", "R-0004", "621222101201");
        link("621222", shop, newcomer, "SUPPLIER", Map.of("rule", "SALES_SHARE", "sharePercent", 50));
        post("/counties/621222/shops/" + shop + "/sales-reports", "partner-wen",
                Map.of("month", OCTOBER, "orders", 412, "grossFen", 2549000, "refundsFen", 149000))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.revision").isEqualTo(2)
                .jsonPath("$.shares.length()").isEqualTo(3)
                .jsonPath("$.shares[?(@.household=='" + supplier + "')].amountFen").isEqualTo(300000)
                .jsonPath("$.shares[?(@.household=='" + shareholder + "')].amountFen").isEqualTo(79920)
                .jsonPath("$.shares[?(@.household=='" + employee + "')].amountFen").isEqualTo(150000);
        List<String> corrected = Events.read("shop.household-income-earned.v1", 3, "\"subject\":\"" + shop + "\"", "\"revision\":2");
        assertThat(corrected).hasSize(3).anySatisfy(event -> assertThat(event).contains(shareholder, "\"amountFen\":79920"))
                .noneSatisfy(event -> assertThat(event).contains(newcomer));
        assertThat(Events.present("shop.household-income-earned.v1", "\"subject\":\"" + shop + "\"")).as("3 + 0 + 3 events").hasSize(6);
        String correctedReport = Events.read("shop.sales-reported.v1", 1, "\"subject\":\"" + shop + "\"", "\"revision\":2").get(0);
        assertThat(Events.schemaErrors("shop.sales-reported.v1", correctedReport)).isEmpty();
        assertThat(correctedReport).contains("\"netFen\":2400000", "\"distributedFen\":529920");

        get("/counties/621222/shops/" + shop + "/sales-reports/" + OCTOBER, "auditor-621222").expectStatus().isOk().expectBody()
                .jsonPath("$.refundsFen").isEqualTo(149000).jsonPath("$.shares.length()").isEqualTo(3);
        get("/counties/621222/shops/" + shop + "/sales-reports?from=" + monthsAgo(12) + "&to=" + monthsAgo(0), CLERK).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].month").isEqualTo(OCTOBER).jsonPath("$[0].shares").doesNotExist();
    }

    @Test
    void refunds_above_the_gross_give_no_sales_share_but_the_fixed_amount_stays() {
        String shop = shop("621222", "621222101202", "R-Refunds", "OPEN");
        String supplier = knownHousehold("621222", "R-0101", "621222101202");
        String employee = knownHousehold("621222", "R-0102", "621222101202");
        link("621222", shop, supplier, "SUPPLIER", Map.of("rule", "SALES_SHARE", "sharePercent", 50));
        link("621222", shop, employee, "EMPLOYEE", Map.of("rule", "FIXED_MONTHLY", "fixedAmountFen", 90000));
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", monthsAgo(2), "orders", 2, "grossFen", 5000, "refundsFen", 20000))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.netFen").isEqualTo(-15000).jsonPath("$.reportedBy").isEqualTo("CLERK")
                .jsonPath("$.shares[?(@.household=='" + supplier + "')].amountFen").isEqualTo(0)
                .jsonPath("$.shares[?(@.household=='" + employee + "')].amountFen").isEqualTo(90000);
    }

    @Test
    void bad_reports_are_refused_naming_the_field_and_leave_nothing() {
        String shop = shop("621222", "621222102201", "R-Bad", "OPEN");
        String next = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1).toString();
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", next, "orders", 1, "grossFen", 100))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("month");
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", "2026-13", "orders", 1, "grossFen", 100))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("month");
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", monthsAgo(3), "orders", -1, "grossFen", 100))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("orders");
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", monthsAgo(3), "orders", 1))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("grossFen");
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", monthsAgo(3), "orders", "many", "grossFen", 1))
                .expectStatus().isBadRequest();
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", monthsAgo(3), "orders", 1, "grossFen", 1_000_000_000_000_001L))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("grossFen");
        // Registered this year: a month two years back would put income into the households' past.
        String longAgo = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(25).toString();
        post("/counties/621222/shops/" + shop + "/sales-reports", CLERK, Map.of("month", longAgo, "orders", 1, "grossFen", 100))
                .expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("month");
        get("/counties/621222/shops/" + shop + "/sales-reports?from=0001-01", CLERK).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("from");
        get("/counties/621222/shops/" + shop + "/sales-reports/" + monthsAgo(3), CLERK).expectStatus().isNotFound();

        String closed = shop("621222", "621222102201", "R-Closed", "OPEN");
        post("/counties/621222/shops/" + closed + "/status", CLERK, Map.of("status", "CLOSED")).expectStatus().isOk();
        post("/counties/621222/shops/" + closed + "/sales-reports", CLERK, Map.of("month", YearMonth.now(ZoneId.of("Asia/Shanghai")).toString(),
                "orders", 1, "grossFen", 100)).expectStatus().isCreated();
        post("/counties/621222/shops/" + closed + "/sales-reports", CLERK, Map.of("month", next, "orders", 1, "grossFen", 100))
                .expectStatus().isBadRequest();

        String planned = shop("621222", "621222102201", "R-Planned", "PLANNED");
        post("/counties/621222/shops/" + planned + "/sales-reports", CLERK, Map.of("month", monthsAgo(3), "orders", 1, "grossFen", 100))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("shop-not-open");
        // A partner reports sales; it does not approve anything, and only for the counties it was granted.
        post("/counties/621224/shops/" + shop + "/sales-reports", "partner-wen", Map.of("month", monthsAgo(3), "orders", 1, "grossFen", 100))
                .expectStatus().isForbidden();
        assertThat(Events.present("shop.sales-reported.v1", "\"subject\":\"" + shop + "\"")).isEmpty();
    }

    @Test
    void orders_of_a_recent_month_wake_a_dormant_shop_and_a_late_old_month_does_not() {
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        String shop = shop("621222", "621222102202", "R-Wake", "OPEN");
        post("/counties/621222/shops/" + shop + "/status", CLERK, Map.of("status", "DORMANT")).expectStatus().isOk();
        post("/counties/621222/shops/" + shop + "/sales-reports", "partner-wen", Map.of("month", now.toString(), "orders", 0, "grossFen", 0))
                .expectStatus().isCreated();
        post("/counties/621222/shops/" + shop + "/sales-reports", "partner-wen", Map.of("month", now.minusMonths(3).toString(), "orders", 7,
                "grossFen", 5000)).expectStatus().isCreated();
        get("/counties/621222/shops/" + shop, CLERK).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DORMANT");
        post("/counties/621222/shops/" + shop + "/sales-reports", "partner-wen", Map.of("month", now.toString(), "orders", 4, "grossFen", 12000))
                .expectStatus().isCreated();
        get("/counties/621222/shops/" + shop, CLERK).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OPEN");
        String woke = Events.read("shop.status-changed.v1", 1, "\"subject\":\"" + shop + "\"", "\"detectedBy\":\"SALES_REPORT\"").get(0);
        assertThat(Events.schemaErrors("shop.status-changed.v1", woke)).isEmpty();
        assertThat(woke).contains("\"from\":\"DORMANT\"", "\"to\":\"OPEN\"");
    }
}
