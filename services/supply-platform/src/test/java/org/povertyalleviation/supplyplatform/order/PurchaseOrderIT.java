package org.povertyalleviation.supplyplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.supplyplatform.SupplyPlatformIT;
import tools.jackson.databind.JsonNode;

/** Purchase orders, deliveries held against the reference price, and payments that publish the households' income. */
class PurchaseOrderIT extends SupplyPlatformIT {

    private UUID company;
    private UUID pepper;

    private void companyWithPepper(String referenceMonth, long referenceFen) {
        company = organisation("621222", CLERK, "ENTERPRISE", legalId("91621222"));
        pepper = UUID.fromString(idOf(post("/counties/621222/products", CLERK, Map.of("organisation", company, "name", "文县大红袍花椒",
                "category", "SICHUAN_PEPPER", "unit", "KG")).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()));
        put("/counties/621222/products/" + pepper + "/reference-prices/" + referenceMonth, CLERK, Map.of("priceFen", referenceFen))
                .expectStatus().isOk().expectBody().jsonPath("$.source").isEqualTo("COUNTY");
    }

    private String order(long priceFen, UUID... households) {
        return idOf(post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", company, "product", pepper, "season", 2026,
                "priceFen", priceFen, "households", List.of(households))).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void a_paid_delivery_publishes_the_whole_payment_with_its_premium_once_and_a_correction_replaces_it() {
        companyWithPepper("2026-08", 8_000);
        UUID first = registeredHousehold("621222", "621222101201");
        UUID second = registeredHousehold("621222", "621222102201");
        String order = order(8_200, first, second);

        JsonNode recorded = JSON.readTree(post("/counties/621222/purchase-orders/" + order + "/deliveries", CLERK, Map.of("household", first,
                "deliveredOn", "2026-08-20", "quantity", 160.5, "grade", "特级")).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(recorded.path("amountFen").asLong()).isEqualTo(1_316_100);
        assertThat(recorded.path("premiumFen").asLong()).isEqualTo(32_100);
        assertThat(recorded.path("referencePriceFen").asLong()).isEqualTo(8_000);
        assertThat(recorded.path("status").asString()).isEqualTo("RECORDED");
        assertThat(recorded.path("quantity").decimalValue()).isEqualByComparingTo("160.5");
        String delivery = recorded.path("id").asString();
        // Nothing is published until it is paid.
        assertThat(org.povertyalleviation.platform.contracts.TopicReader.readPresent("supply.events", r -> r.value().contains(delivery))).isEmpty();

        post("/counties/621222/purchase-orders/" + order + "/deliveries/" + delivery + "/payment", CLERK, Map.of("paidOn", "2026-08-25"))
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID").jsonPath("$.revision").isEqualTo(1);
        post("/counties/621222/purchase-orders/" + order + "/deliveries/" + delivery + "/payment", CLERK, Map.of("paidOn", "2026-08-26"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("already-paid");

        List<JsonNode> income = incomeOf(first, 1);
        assertThat(income).singleElement().satisfies(data -> {
            assertThat(data.path("source").asString()).isEqualTo("ORDER_PREMIUM");
            assertThat(data.path("origin").asString()).isEqualTo("delivery:" + delivery);
            assertThat(data.path("amountFen").asLong()).isEqualTo(1_316_100);
            assertThat(data.path("premiumFen").asLong()).isEqualTo(32_100);
            assertThat(data.path("month").asString()).isEqualTo("2026-08");
            assertThat(data.path("organisation").asString()).isEqualTo(company.toString());
            assertThat(data.path("revision").asInt()).isEqualTo(1);
        });

        post("/counties/621222/purchase-orders/" + order + "/deliveries/" + delivery + "/correction", CLERK, Map.of("quantity", 150, "grade", "一级"))
                .expectStatus().isOk().expectBody().jsonPath("$.revision").isEqualTo(2).jsonPath("$.amountFen").isEqualTo(1_230_000)
                .jsonPath("$.quantity").isEqualTo(150);
        List<JsonNode> corrected = incomeOf(first, 2);
        assertThat(corrected).extracting(data -> data.path("revision").asInt()).containsExactly(1, 2);
        assertThat(corrected.get(1).path("origin").asString()).isEqualTo("delivery:" + delivery);
        assertThat(corrected.get(1).path("amountFen").asLong()).isEqualTo(1_230_000);
        assertThat(corrected.get(1).path("premiumFen").asLong()).isEqualTo(30_000);

        get("/counties/621222/purchase-orders/" + order, AUDITOR).expectStatus().isOk().expectBody()
                .jsonPath("$.deliveries").isEqualTo(1).jsonPath("$.paidFen").isEqualTo(1_230_000).jsonPath("$.premiumFen").isEqualTo(30_000)
                .jsonPath("$.households.length()").isEqualTo(2);
    }

    @Test
    void a_price_below_the_months_reference_is_refused_with_the_reference_and_writes_nothing() {
        companyWithPepper("2026-09", 8_000);
        UUID household = registeredHousehold("621222", "621222101202");
        String order = order(7_900, household);

        post("/counties/621222/purchase-orders/" + order + "/deliveries", CLERK, Map.of("household", household, "deliveredOn", "2026-09-03",
                "quantity", 10, "grade", "一级")).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.rule").isEqualTo("below-reference-price").jsonPath("$.field").isEqualTo("deliveredOn")
                .jsonPath("$.referencePriceFen").isEqualTo(8_000).jsonPath("$.priceFen").isEqualTo(7_900).jsonPath("$.month").isEqualTo("2026-09");
        // A month without a reference price cannot be held against one.
        post("/counties/621222/purchase-orders/" + order + "/deliveries", CLERK, Map.of("household", household, "deliveredOn", "2026-10-03",
                "quantity", 10, "grade", "一级")).expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("no-reference-price");
        get("/counties/621222/purchase-orders/" + order + "/deliveries", ADMIN).expectStatus().isOk().expectBody().json("[]");

        // With this month's reference set, an order below it is refused when agreed, naming the price.
        String thisMonth = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        put("/counties/621222/products/" + pepper + "/reference-prices/" + thisMonth, CLERK, Map.of("priceFen", 8_000)).expectStatus().isOk();
        post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", company, "product", pepper, "season", 2026, "priceFen", 7_999,
                "households", List.of(household))).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.rule").isEqualTo("below-reference-price").jsonPath("$.field").isEqualTo("priceFen")
                .jsonPath("$.referencePriceFen").isEqualTo(8_000).jsonPath("$.month").isEqualTo(thisMonth);
    }

    @Test
    void bad_deliveries_and_orders_are_problems_naming_the_field() {
        companyWithPepper("2026-07", 5_000);
        UUID household = registeredHousehold("621222", "621222103201");
        UUID other = registeredHousehold("621222", "621222103202");
        String order = order(5_500, household);
        String path = "/counties/621222/purchase-orders/" + order + "/deliveries";

        post(path, CLERK, Map.of("household", household, "deliveredOn", "2026-07-01", "quantity", -3, "grade", "一级")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("quantity");
        post(path, CLERK, Map.of("household", household, "deliveredOn", "2026-07-01", "quantity", 1.2345, "grade", "一级")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("quantity");
        post(path, CLERK, Map.of("household", other, "deliveredOn", "2026-07-01", "quantity", 3, "grade", "一级")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("household-not-in-order").jsonPath("$.field").isEqualTo("household");
        post(path, CLERK, Map.of("household", household, "deliveredOn", "2028-07-01", "quantity", 3, "grade", "一级")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("outside-season");
        post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", company, "product", pepper, "season", 2026, "priceFen", 5_500,
                "households", List.of(household, UUID.randomUUID()))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-household").jsonPath("$.field").isEqualTo("households[1]");
        post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", company, "product", pepper, "season", 2026, "priceFen", 5_500,
                "households", List.of(household, household))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("duplicate-household");
        post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", UUID.randomUUID(), "product", pepper, "season", 2026,
                "priceFen", 5_500, "households", List.of(household))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("unknown-organisation").jsonPath("$.field").isEqualTo("organisation");
        post("/counties/621222/purchase-orders", CLERK, Map.of("organisation", company, "product", pepper, "season", 2026, "priceFen", 5_500,
                "households", List.of())).expectStatus().isBadRequest().expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("households");
        post(path + "/" + UUID.randomUUID() + "/payment", CLERK, Map.of("paidOn", "2026-07-02")).expectStatus().isNotFound();
        assertThat(get("/counties/621222/purchase-orders?organisation=" + company, ADMIN).expectBody(String.class).returnResult().getResponseBody())
                .contains(order);
    }

    @Test
    void a_partner_posts_its_price_feed_but_reads_no_order() {
        companyWithPepper("2026-06", 7_000);
        put("/counties/621222/products/" + pepper + "/reference-prices/2026-06", "partner-wen", Map.of("priceFen", 7_200)).expectStatus().isOk()
                .expectBody().jsonPath("$.source").isEqualTo("PARTNER:partner-wen");
        get("/counties/621222/products/" + pepper + "/reference-prices", "partner-wen").expectStatus().isOk().expectBody()
                .jsonPath("$[0].month").isEqualTo("2026-06").jsonPath("$[0].priceFen").isEqualTo(7_200);
        get("/counties/621222/purchase-orders", "partner-wen").expectStatus().isForbidden();
        put("/counties/621224/products/" + pepper + "/reference-prices/2026-06", "partner-wen", Map.of("priceFen", 1)).expectStatus().isForbidden();
        put("/counties/621222/products/" + pepper + "/reference-prices/2026-13", CLERK, Map.of("priceFen", 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$['invalid-params'][0].name").isEqualTo("month");
    }
}
